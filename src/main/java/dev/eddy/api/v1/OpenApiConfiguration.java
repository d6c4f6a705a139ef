package dev.eddy.api.v1;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's OpenAPI 3 description: version 1, every route signed in by an API token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI eddyApi() {
        return new OpenAPI()
                .info(new Info().title("Eddy REST API").version("v1").description("Everything the console does, "
                        + "for scripts: integrations, tables, jobs, the cluster and the audit log. Sign in with an API "
                        + "token (user menu, API tokens…) as 'Authorization: Bearer eddy_…'. Every route obeys the "
                        + "token's role, as the console does; failures are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("eddy_…")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }

    /** Tags in name order, not in the order the controllers happened to be found: the description is the same on every machine. */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer tagsByName() {
        return api -> {
            if (api.getTags() != null) {
                api.getTags().sort(java.util.Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
            }
        };
    }
}
