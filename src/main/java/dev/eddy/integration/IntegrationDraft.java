package dev.eddy.integration;

import dev.eddy.config.Secret;
import java.util.Map;

/**
 * An integration as a form submits it. A secret left out keeps its stored value; an empty one
 * clears it.
 */
public record IntegrationDraft(String name, IntegrationKind kind, Map<String, String> settings,
        Map<String, Secret> secrets) {}
