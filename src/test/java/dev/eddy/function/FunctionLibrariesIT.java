package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.security.AccessRefusedException;
import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.UdfJar;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Function libraries kept in Eddy's store: versions with checksums and changes, refusals in words, admins only, audited. */
@EddyIntegrationTest
class FunctionLibrariesIT {
    @Autowired
    FunctionLibraries libraries;
    @Autowired
    AuditLog audit;
    @Autowired
    RegisteredFunctions functions;
    @Autowired
    QueryService queries;

    @Test
    void eachUploadIsAVersionWithItsChecksumAndWhatChangedAndTheSameJarTwiceIsRefused() {
        String name = "strings-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] v1 = UdfJar.version1();
        try {
            LibraryVersion first = libraries.upload(name, "/home/ada/build/strings-1.0.jar", v1);
            assertThat(first.version()).isEqualTo(1);
            assertThat(first.fileName()).as("the path's directories dropped").isEqualTo("strings-1.0.jar");
            assertThat(first.sha256()).isEqualTo(FunctionLibraries.sha256(v1)).hasSize(64);
            assertThat(first.sizeBytes()).isEqualTo(v1.length);
            assertThat(first.uploadedBy()).isEqualTo("admin");
            assertThat(first.functions()).extracting(FunctionSignature::className)
                    .containsExactly("dev.eddy.udf.LongestLength", "dev.eddy.udf.Ratio", "dev.eddy.udf.Shout",
                            "dev.eddy.udf.SplitWords");
            assertThat(first.changes().added()).hasSize(4);

            assertThatThrownBy(() -> libraries.upload(name, "strings-1.0.jar", v1))
                    .hasMessageStartingWith("strings-1.0.jar is the same JAR as version 1 of " + name + " (SHA-256 ");

            LibraryVersion second = libraries.upload(name, "strings-2.0.jar", UdfJar.version2());
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.changes().changed()).containsExactly("dev.eddy.udf.Shout");
            assertThat(second.changes().summary()).isEqualTo("1 changed");
            assertThat(libraries.versions(name)).extracting(LibraryVersion::version).containsExactly(2, 1);
            assertThat(libraries.list()).filteredOn(l -> l.library().equals(name)).singleElement()
                    .satisfies(l -> assertThat(l.version()).isEqualTo(2));
            assertThat(audit.search("", "", null, null, 20)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("Uploading a function library");
                assertThat(e.target()).isEqualTo(name);
                assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.OK);
            });
        } finally {
            libraries.delete(name);
        }
        assertThatThrownBy(() -> libraries.versions(name)).hasMessage("There is no function library named " + name);
    }

    @Test
    void aLibraryDeletedAndUploadedAgainUnderItsNameServesItsNewJar() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String name = "again-" + id;
        String function = "again_" + id;
        try {
            libraries.upload(name, "strings.jar", UdfJar.version1());
            functions.register(name, "dev.eddy.udf.Shout", function);
            assertThat(call("SELECT " + function + "('a')")).isEqualTo("A!");
            functions.drop(function);
            libraries.delete(name);

            // Version 1 again, other bytes: the gateway must not serve the copy it wrote of the first.
            libraries.upload(name, "strings.jar", UdfJar.version2());
            functions.register(name, "dev.eddy.udf.Shout", function);
            assertThat(call("SELECT " + function + "('a', 2)")).isEqualTo("A!!");
        } finally {
            if (functions.list().stream().anyMatch(f -> f.name().equals(function))) {
                functions.drop(function);
            }
            libraries.delete(name);
        }
    }

    private String call(String select) {
        try (SqlConsole console = queries.openConsole("it-libraries")) {
            return String.valueOf(console.collect(select, 1).rows().get(0).fields().get(0));
        }
    }

    @Test
    void whatIsNotAFunctionJarIsRefusedInWords() {
        assertThatThrownBy(() -> libraries.upload("Bad Name", "f.jar", UdfJar.version1()))
                .hasMessageStartingWith("A library's name is lower case letters");
        assertThatThrownBy(() -> libraries.upload("notes", "notes.txt", "hello".getBytes()))
                .hasMessage("Upload a .jar file (its name letters, digits and . _ + -); got 'notes.txt'");
        assertThatThrownBy(() -> libraries.upload("notes", "notes.jar", "hello".getBytes()))
                .hasMessageStartingWith("That file is not a JAR");
        assertThatThrownBy(() -> libraries.upload("empty", "empty.jar", new byte[0])).hasMessage("The file empty.jar is empty");
        assertThat(libraries.list()).noneMatch(l -> l.library().equals("notes") || l.library().equals("empty"));
    }

    @Test
    void onlyAnAdminUploads() {
        signIn("function-developer", Role.DEVELOPER);
        try {
            assertThatThrownBy(() -> libraries.upload("dev-strings", "s.jar", UdfJar.version1()))
                    .isInstanceOf(AccessRefusedException.class)
                    .hasMessageStartingWith("Uploading a function library needs the admin role");
            assertThat(libraries.list()).isNotNull();
        } finally {
            signIn("admin", Role.ADMIN);
        }
    }

    private static void signIn(String user, Role role) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "n/a", role.authority()));
    }
}
