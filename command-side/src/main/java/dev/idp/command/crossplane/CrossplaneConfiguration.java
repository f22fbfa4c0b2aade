package dev.idp.command.crossplane;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CrossplaneProperties.class, ControlPlaneProperties.class})
class CrossplaneConfiguration {}
