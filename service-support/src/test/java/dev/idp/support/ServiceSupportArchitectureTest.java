package dev.idp.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Service support is shared by both sides, so it depends on neither (nor on the sandbox). */
@AnalyzeClasses(packages = "dev.idp.support", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceSupportArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoServiceSide = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.idp.command..", "dev.idp.query..", "dev.idp.sandbox..");
}
