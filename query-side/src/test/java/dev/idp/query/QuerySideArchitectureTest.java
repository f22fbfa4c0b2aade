package dev.idp.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.idp.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule neverReachesIntoTheCommandSide =
            noClasses().should().dependOnClassesThat().resideInAPackage("dev.idp.command..");

    @ArchTest
    static final ArchRule writesNothingToKubernetesOrAzure =
            noClasses().should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "com.azure..");
}
