package dev.idp.sandbox;

import dev.idp.command.CommandSideApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole platform in one Spring context: the command side, the shared service support and the sandbox's own
 * endpoints. Started only through {@link SandboxMain}, which first provides PostgreSQL and the token keys.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"dev.idp.command", "dev.idp.support", "dev.idp.sandbox"},
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = CommandSideApplication.class))
class SandboxApplication {}
