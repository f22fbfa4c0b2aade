package dev.idp.support.web;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idp.support.serialization.KernelJacksonModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web layer's shared pieces: kernel types in HTTP bodies and the problem writer. */
@Configuration(proxyBeanMethods = false)
public class WebSupportConfiguration {

    /** Spring Boot registers every Jackson {@link Module} bean on the web's mapper. */
    @Bean
    Module kernelJacksonModule() {
        return new KernelJacksonModule();
    }

    @Bean
    Problems problems(ObjectMapper objectMapper) {
        return new Problems(objectMapper);
    }
}
