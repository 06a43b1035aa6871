package dev.meridian;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.meridian.cli.Main;
import java.util.concurrent.TimeUnit;

/** The package table of STYLE.md and the build's bans, checked against the main code. */
@AnalyzeClasses(packages = "dev.meridian", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String MERIDIAN = "dev.meridian..";

  /** Classes outside Meridian, or in one of the given Meridian packages. */
  private static DescribedPredicate<JavaClass> outsideMeridianOrIn(String... packages) {
    return resideOutsideOfPackage(MERIDIAN).or(resideInAnyPackage(packages));
  }

  @ArchTest
  static final ArchRule apiHoldsOnlyWireTypes =
      classes()
          .that()
          .resideInAPackage("dev.meridian.api..")
          .should()
          .onlyDependOnClassesThat(outsideMeridianOrIn("dev.meridian.api.."))
          .because("api.* packages are wire types per vendor schema, with no logic");

  @ArchTest
  static final ArchRule commonDependsOnNoOtherMeridianPackage =
      classes()
          .that()
          .resideInAPackage("dev.meridian.common..")
          .should()
          .onlyDependOnClassesThat(outsideMeridianOrIn("dev.meridian.common.."));

  @ArchTest
  static final ArchRule errorDependsOnlyOnCommon =
      classes()
          .that()
          .resideInAPackage("dev.meridian.error..")
          .should()
          .onlyDependOnClassesThat(
              outsideMeridianOrIn("dev.meridian.error..", "dev.meridian.common.."));

  @ArchTest
  static final ArchRule configDependsOnlyOnCommonAndError =
      classes()
          .that()
          .resideInAPackage("dev.meridian.config..")
          .should()
          .onlyDependOnClassesThat(
              outsideMeridianOrIn(
                  "dev.meridian.config..", "dev.meridian.common..", "dev.meridian.error.."));

  @ArchTest
  static final ArchRule simStandsApartFromTheGateway =
      noClasses()
          .that()
          .resideInAPackage("dev.meridian.sim..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.meridian.proxy..",
              "dev.meridian.server..",
              "dev.meridian.cli..",
              "dev.meridian.routing..",
              "dev.meridian.keys..",
              "dev.meridian.provider..")
          .because("the simulated providers must not share code with what they test");

  @ArchTest
  static final ArchRule nothingDependsOnCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.meridian.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.meridian.cli..");

  @ArchTest
  static final ArchRule proxyDoesNotDependOnWiringOrSimulators =
      noClasses()
          .that()
          .resideInAPackage("dev.meridian.proxy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.meridian.server..", "dev.meridian.cli..", "dev.meridian.sim..");

  @ArchTest
  static final ArchRule standardStreamsOnlyInMain =
      classes()
          .should(accessStandardStreamsOnlyInMainMethodOf(Main.class))
          .because("output goes through the logger or the command line's own writers");

  @ArchTest
  static final ArchRule noPrintStackTrace =
      noClasses()
          .should()
          .callMethodWhere(
              target(name("printStackTrace")).and(target(owner(assignableTo(Throwable.class)))))
          .because("stack traces go to the logger, never to a client or stderr");

  @ArchTest
  static final ArchRule noSleeping =
      noClasses()
          .should()
          .callMethodWhere(
              target(name("sleep"))
                  .and(
                      target(owner(assignableTo(Thread.class)))
                          .or(target(owner(assignableTo(TimeUnit.class))))))
          .because("nothing may block an event loop; time comes from a Ticker or a timer");

  @ArchTest
  static final ArchRule noImplSuffix =
      noClasses()
          .should()
          .haveSimpleNameEndingWith("Impl")
          .because("an implementation is named after what differs, not FooImpl");

  private static ArchCondition<JavaClass> accessStandardStreamsOnlyInMainMethodOf(Class<?> main) {
    return new ArchCondition<>(
        "access System.out or System.err only in " + main.getName() + ".main") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (JavaFieldAccess access : item.getFieldAccessesFromSelf()) {
          boolean standardStream =
              access.getTargetOwner().isEquivalentTo(System.class)
                  && (access.getName().equals("out") || access.getName().equals("err"));
          boolean inMain =
              access.getOrigin().getOwner().isEquivalentTo(main)
                  && access.getOrigin().getName().equals("main");
          if (standardStream && !inMain) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }
}
