package org.gbsettle.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gbsettle.engine");

    @Test
    void engineIsFreeOfFrameworksAndIo() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "java.net..",
                        "java.nio.file..",
                        "java.nio.channels..",
                        "java.io..",
                        "org.apache.arrow..",
                        "org.apache.parquet..",
                        "org.apache.hadoop..",
                        "org.postgresql..",
                        "org.slf4j..",
                        "java.util.logging..")
                .because("engine/ is a pure function of RunInputs and ReferenceData: read files, databases and Parquet"
                        + " in jobs/ (io adapters) or reference-data/ (parsers) and pass the engine its inputs")
                .check(ENGINE);
    }

    @Test
    void engineDoesNotReadTheClockOrEnvironment() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .because("time comes into the engine as a parameter (the run's cut-off), so runs are reproducible")
                .check(ENGINE);
    }
}
