package dev.idp.sandbox;

import dev.idp.command.CommandSideApplication;
import dev.idp.query.QuerySideApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole platform in one Spring context: the command side, the query side, the shared service support and the
 * sandbox's own endpoints. The command side's {@code application.yml} is the configuration; the query side adds its
 * beans (and migrates its own tables under its own Flyway history). Started only through {@link SandboxMain}, which first provides PostgreSQL and the token keys.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"dev.idp.command", "dev.idp.query", "dev.idp.support", "dev.idp.sandbox"},
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.ASSIGNABLE_TYPE,
                        classes = {CommandSideApplication.class, QuerySideApplication.class}))
class SandboxApplication {}
