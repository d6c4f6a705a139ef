package dev.eddy.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.config.Endpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the JobManager REST client to the resolved cluster address. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {
    @Bean
    JobManagerClient jobManagerClient(Endpoints endpoints, ObjectMapper json) {
        return new JobManagerClient(endpoints.jobManager(), json);
    }
}
