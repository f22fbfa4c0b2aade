package dev.idp.kernel;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.ANNOTATIONS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.idp.kernel.ids.RequestId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** The kernel is the domain's language: the JDK and a few Axon annotations, nothing else. */
@AnalyzeClasses(packages = "dev.idp.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule kernelDependsOnlyOnTheJdkAndAxonMessageAnnotations = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "dev.idp.kernel..",
                    "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..");

    @ArchTest
    static final ArchRule kernelUsesAxonOnlyThroughAnnotations = noClasses()
            .should()
            .dependOnClassesThat(resideInAnyPackage("org.axonframework..").and(not(ANNOTATIONS)))
            .because("the kernel names aggregate identifiers and revisions, it does not call Axon");

    @ArchTest
    static final ArchRule kernelKnowsNoFrameworkOrCloudSdk = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.fasterxml.jackson..",
                    "jakarta.persistence..",
                    "javax.persistence..",
                    "org.hibernate..",
                    "io.fabric8..",
                    "com.azure..",
                    "com.microsoft.azure..");

    @ArchTest
    static final ArchRule eventsAreRecordsWithARevision = classes()
            .that()
            .haveSimpleNameEndingWith("Event")
            .should()
            .beRecords()
            .andShould()
            .beAnnotatedWith(Revision.class)
            .because("events are stored forever: immutable, and versioned for upcasting");

    @ArchTest
    static final ArchRule revisionedClassesAreNamedEvent =
            classes().that().areAnnotatedWith(Revision.class).should().haveSimpleNameEndingWith("Event");

    @ArchTest
    static final ArchRule commandsAreRecords =
            classes().that().haveSimpleNameEndingWith("Command").should().beRecords();

    @ArchTest
    static final ArchRule aggregateTargetsAreNamedCommand = fields().that()
            .areAnnotatedWith(TargetAggregateIdentifier.class)
            .should()
            .beDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Command");

    private static final DescribedPredicate<JavaClass> CARRY_A_REQUEST_ID =
            DescribedPredicate.describe("carry a RequestId", javaClass -> javaClass.getFields().stream()
                    .anyMatch(field -> field.getRawType().isEquivalentTo(RequestId.class)));

    @ArchTest
    static final ArchRule messagesAreNamedByTheirRole = classes()
            .that()
            .areRecords()
            .and(CARRY_A_REQUEST_ID)
            .should()
            .haveSimpleNameEndingWith("Command")
            .orShould()
            .haveSimpleNameEndingWith("Event")
            .orShould()
            .haveSimpleNameEndingWith("Accepted")
            .because("a record that carries a request is a command, an event, or the answer to a command");

    @ArchTest
    static final ArchRule valueTypesDoNotDependOnStorageAccounts = noClasses()
            .that()
            .resideInAnyPackage("dev.idp.kernel.ids..", "dev.idp.kernel.azure..", "dev.idp.kernel.error..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.idp.kernel.storageaccount..");

    @ArchTest
    static final ArchRule kernelPackagesAreFreeOfCycles =
            slices().matching("dev.idp.kernel.(*)..").should().beFreeOfCycles();
}
