package dev.eddy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps features free of cycles, views off the adapters, and the embedded stack out of everyone's way. */
@AnalyzeClasses(packages = "dev.eddy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.eddy.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule viewsOnlyCallServices = noClasses().that().resideInAPackage("dev.eddy.ui..")
            .should().dependOnClassesThat().haveSimpleName("SqlGatewayClient")
            .orShould().dependOnClassesThat().haveSimpleName("JobManagerClient")
            .orShould().dependOnClassesThat().haveSimpleName("GatewaySessions")
            .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
            .orShould().dependOnClassesThat().resideInAPackage("dev.eddy.embedded..")
            .orShould().dependOnClassesThat().areAnnotatedWith(org.springframework.stereotype.Repository.class)
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository");

    /**
     * A page never waits on the network or the disk on a UI thread (it holds the session's lock, so
     * every other tab of that person would wait too): such work goes through a service, off the UI
     * thread via Async.
     */
    @ArchTest
    static final ArchRule pagesDoNoBlockingIo = noClasses().that().resideInAPackage("dev.eddy.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..",
                    "org.apache.kafka..", "org.postgresql..", "org.apache.flink..", "org.springframework.jdbc..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().callMethod(Thread.class, "sleep", long.class);

    /** The REST API is a thin face over the same services the pages call, never over the store. */
    @ArchTest
    static final ArchRule routesOnlyCallServices = noClasses().that().resideInAPackage("dev.eddy.api..")
            .should().dependOnClassesThat().areAnnotatedWith(org.springframework.stereotype.Repository.class)
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
            .orShould().dependOnClassesThat().haveSimpleName("JdbcTemplate");

    @ArchTest
    static final ArchRule nothingDependsOnTheStackBeingEmbedded = noClasses()
            .that().resideOutsideOfPackages("dev.eddy.embedded..", "dev.eddy")
            .should().dependOnClassesThat().resideInAPackage("dev.eddy.embedded..");

    @ArchTest
    static final ArchRule servicesDoNotKnowVaadin = noClasses()
            .that().resideOutsideOfPackage("dev.eddy.ui..")
            // The login wiring is Vaadin's own Spring Security configurer.
            .and().doNotHaveFullyQualifiedName("dev.eddy.security.WebSecurityConfiguration")
            .should().dependOnClassesThat().resideInAPackage("com.vaadin..");

    /** Work a page starts elsewhere runs as the user who started it: services check roles on every call. */
    @ArchTest
    static final ArchRule pagesStartBackgroundWorkThroughAsync = noClasses()
            .that().resideInAPackage("dev.eddy.ui..").and().doNotHaveSimpleName("Async")
            .should().callMethod(java.util.concurrent.CompletableFuture.class, "supplyAsync", java.util.function.Supplier.class)
            .orShould().callMethod(java.util.concurrent.CompletableFuture.class, "runAsync", Runnable.class);
}
