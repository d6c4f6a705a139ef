package dev.eddy.table;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalog jar a remote Flink gateway puts in its lib/ holds every Eddy class its classes use,
 * and needs nothing else but the JDK, Flink and the PostgreSQL driver (no Spring, no Eddy's Jackson,
 * no Kafka client), whichever code path runs.
 */
class CatalogJarIT {
    private static final Path JAR = Path.of("target/eddy-flink-catalog.jar");

    @Test
    void theCatalogJarIsSelfContainedOverFlinkAndThePostgresDriver() throws Exception {
        JavaClasses inJar;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            inJar = new ClassFileImporter().importJar(jar);
            String services = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.flink.table.factories.Factory")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(services.strip()).isEqualTo(EddyCatalogFactory.class.getName());
        }
        Set<String> names = inJar.stream().map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(names).contains(EddyCatalogFactory.class.getName(), EddyCatalog.class.getName());
        DescribedPredicate<JavaClass> available = DescribedPredicate.describe("in the jar, the JDK, Flink or the "
                + "PostgreSQL driver", c -> names.contains(c.getName()) || c.isPrimitive() || c.isArray()
                        || c.getPackageName().startsWith("java.") || c.getPackageName().startsWith("javax.")
                        || c.getPackageName().startsWith("org.apache.flink.")
                        || c.getPackageName().startsWith("org.postgresql."));
        classes().should().onlyDependOnClassesThat(available).check(inJar);
    }
}
