package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.support.UdfJar;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class JarInspectorTest {

    @Test
    void theFunctionsOfARealJarAreReadWithTheirKindsAndSignaturesAndNothingElseIsListed() {
        JarInspector.Contents contents = JarInspector.inspect(UdfJar.version1());
        assertThat(contents.classes()).isEqualTo(7); // with LongestLength$Longest
        assertThat(contents.functions()).containsExactly(
                new FunctionSignature("dev.eddy.udf.LongestLength", FunctionKind.AGGREGATE, List.of("(STRING) → INT")),
                new FunctionSignature("dev.eddy.udf.Ratio", FunctionKind.SCALAR, List.of("(INT, INT) → INT")),
                new FunctionSignature("dev.eddy.udf.Shout", FunctionKind.SCALAR, List.of("(STRING) → STRING")),
                new FunctionSignature("dev.eddy.udf.SplitWords", FunctionKind.TABLE, List.of("(STRING) → STRING")));
        assertThat(contents.functions().get(0).suggestedName()).isEqualTo("longest_length");
    }

    @Test
    void aChangedSignatureIsTheOnlyChangeBetweenTheTwoVersions() {
        List<FunctionSignature> before = JarInspector.inspect(UdfJar.version1()).functions();
        List<FunctionSignature> after = JarInspector.inspect(UdfJar.version2()).functions();
        assertThat(after).filteredOn(f -> f.className().endsWith("Shout")).singleElement()
                .satisfies(f -> assertThat(f.signatures()).containsExactly("(STRING, INT) → STRING"));
        LibraryVersion.Changes changes = LibraryVersion.Changes.between(before, after);
        assertThat(changes.changed()).containsExactly("dev.eddy.udf.Shout");
        assertThat(changes.added()).isEmpty();
        assertThat(changes.removed()).isEmpty();
        assertThat(changes.summary()).isEqualTo("1 changed");
    }

    @Test
    void somethingOtherThanAJarIsRefusedInWords() {
        assertThatThrownBy(() -> JarInspector.inspect("not a jar".getBytes()))
                .hasMessageStartingWith("That file is not a JAR (a JAR is a zip file of classes)");
    }

    @Test
    void anEntryWhosePathLeavesTheJarIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("../../etc/evil.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> JarInspector.inspect(bytes.toByteArray()))
                .hasMessage("The JAR has an entry named '../../etc/evil.class', a path out of the JAR: Eddy refuses it. "
                        + "Build the JAR again with a standard tool");
    }

    @Test
    void aLibraryWithoutANameIsNamedAfterItsFileWithoutItsVersion() {
        assertThat(FunctionLibraries.nameFor("String-Utils-1.2.0.jar")).isEqualTo("string-utils");
        assertThat(FunctionLibraries.nameFor("C:\\builds\\geo_functions-2.0-SNAPSHOT.jar")).isEqualTo("geo-functions");
        assertThat(FunctionLibraries.nameFor("udfs.jar")).isEqualTo("udfs");
        assertThat(FunctionLibraries.nameFor("2024-tools.jar")).isEqualTo("tools");
    }

    @Test
    void javaTypesReadAsTheSqlTypesFlinkInfers() {
        assertThat(JarInspector.sqlType(org.objectweb.asm.Type.getType("[B"))).isEqualTo("BYTES");
        assertThat(JarInspector.sqlType(org.objectweb.asm.Type.getType("[Ljava/lang/String;"))).isEqualTo("ARRAY<STRING>");
        assertThat(JarInspector.sqlType(org.objectweb.asm.Type.getType("J"))).isEqualTo("BIGINT");
        assertThat(JarInspector.sqlType(org.objectweb.asm.Type.getType("Ljava/time/Instant;"))).isEqualTo("TIMESTAMP_LTZ");
    }
}
