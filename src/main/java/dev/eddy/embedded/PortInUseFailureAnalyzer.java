package dev.eddy.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken port into Spring Boot's short "APPLICATION FAILED TO START" report. */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Free port " + cause.port() + " or change " + cause.setting() + ".", cause);
    }
}
