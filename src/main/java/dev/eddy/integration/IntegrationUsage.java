package dev.eddy.integration;

import java.util.List;

/** Who depends on an integration, so removing it can be refused with their names. */
public interface IntegrationUsage {
    /** The tables that read or write through the integration. */
    List<String> tablesUsing(String integration);
}
