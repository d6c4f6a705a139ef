package dev.eddy.query;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Limits of interactive queries: a streaming query stops at {@code maxRows} so memory stays bounded. */
@Validated
@ConfigurationProperties("eddy.query")
public record QueryProperties(@DefaultValue("5000") @Min(1) @Max(1_000_000) int maxRows) {}
