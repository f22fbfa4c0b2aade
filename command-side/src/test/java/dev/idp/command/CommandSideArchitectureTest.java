package dev.idp.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The direction of dependencies on the command side, pinned. */
@AnalyzeClasses(packages = "dev.idp.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule neverImportsTheQuerySideOrTheSandbox =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.idp.query..", "dev.idp.sandbox..");

    @ArchTest
    static final ArchRule provisioningKnowsNothingOfTheArchive = noClasses()
            .that()
            .resideInAPackage("dev.idp.command.provisioning..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.idp.command.desiredstate..");

    @ArchTest
    static final ArchRule theArchiveOnlyReadsEvents = noClasses()
            .that()
            .resideInAPackage("dev.idp.command.desiredstate..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.idp.command.provisioning..");

    @ArchTest
    static final ArchRule azureStaysInItsAdapters = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.idp.command.desiredstate..",
                    "dev.idp.command.infrastructure.azure..",
                    "dev.idp.command.observation..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.azure..");

    @ArchTest
    static final ArchRule kubernetesStaysInItsAdapters = noClasses()
            .that()
            .resideOutsideOfPackages("dev.idp.command.infrastructure.kubernetes..", "dev.idp.command.crossplane..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8..");

    @ArchTest
    static final ArchRule theAggregateDoesNotTouchTheWebOrTheDatabase = noClasses()
            .that()
            .haveSimpleName("StorageAccount")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.web..", "org.springframework.jdbc..", "java.sql..");
}
