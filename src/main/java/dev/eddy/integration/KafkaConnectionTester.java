package dev.eddy.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * "Test connection" for Kafka: every credential is tried with timeouts that answer within about
 * 5 s. Why those settings: a client speaking PLAINTEXT to a SASL port, or an unreachable host, only
 * times out, so the message names both causes.
 */
final class KafkaConnectionTester {
    private KafkaConnectionTester() {}

    static ConnectionCheck test(Integration integration, Map<String, String> secrets) {
        long t0 = System.nanoTime();
        String bootstrap = integration.setting(KafkaSettings.BOOTSTRAP_SERVERS);
        List<String> details = new ArrayList<>();
        java.util.Optional<String> unreachable = Reachability.unreachable(bootstrap);
        if (unreachable.isPresent()) {
            return new ConnectionCheck(false, capitalize(unreachable.get()), List.of("connection: " + unreachable.get()),
                    Duration.ofNanos(System.nanoTime() - t0));
        }
        String failure = null;
        String success = null;
        for (String[] credential : credentials(integration, secrets)) {
            Attempt attempt = attempt(integration, credential[1], credential[2]);
            details.add(credential[0] + ": " + attempt.line());
            if (attempt.ok()) {
                success = success == null ? attempt.line() : success;
            } else {
                failure = failure == null ? attempt.line() : failure;
            }
        }
        String summary = failure != null ? capitalize(failure) : "Connected to " + bootstrap + ": " + success;
        return new ConnectionCheck(failure == null, summary, details, Duration.ofNanos(System.nanoTime() - t0));
    }

    private record Attempt(boolean ok, String line) {}

    private static Attempt attempt(Integration integration, String user, String password) {
        String bootstrap = integration.setting(KafkaSettings.BOOTSTRAP_SERVERS);
        try (Admin admin = Admin.create(clientProperties(integration, user, password))) {
            int brokers = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS).size();
            String reached = brokers + (brokers == 1 ? " broker" : " brokers");
            try {
                int topics = admin.listTopics().names().get(6, TimeUnit.SECONDS).size();
                if (topics == 0 && user != null) {
                    // Kafka hides topics a user may not DESCRIBE instead of refusing the listing.
                    return new Attempt(true, reached + ", but no topic is visible: there are none yet, or " + user
                            + " may not describe any (ask for DESCRIBE and READ ACLs on the topics)");
                }
                return new Attempt(true, reached + ", " + topics + (topics == 1 ? " topic" : " topics") + " visible");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AuthorizationException) {
                    return new Attempt(false, "connected to " + reached + ", but not allowed to list topics ("
                            + e.getCause().getMessage() + ")");
                }
                throw e;
            }
        } catch (ExecutionException e) {
            return new Attempt(false, explain(bootstrap, integration.setting(KafkaSettings.SECURITY_PROTOCOL), user,
                    e.getCause()));
        } catch (java.util.concurrent.TimeoutException | KafkaException e) {
            return new Attempt(false, explain(bootstrap, integration.setting(KafkaSettings.SECURITY_PROTOCOL), user, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        }
    }

    /** Label, user, password of each credential to try; one anonymous try when none is set. */
    private static List<String[]> credentials(Integration i, Map<String, String> secrets) {
        List<String[]> result = new ArrayList<>();
        String protocol = i.setting(KafkaSettings.SECURITY_PROTOCOL);
        if (protocol.startsWith("SASL")) {
            if (!i.setting(KafkaSettings.READ_USER).isBlank()) {
                result.add(new String[] {"read-only credential (" + i.setting(KafkaSettings.READ_USER) + ")",
                    i.setting(KafkaSettings.READ_USER), secrets.getOrDefault(KafkaSettings.READ_PASSWORD, "")});
            }
            if (!i.setting(KafkaSettings.WRITE_USER).isBlank()) {
                result.add(new String[] {"read-write credential (" + i.setting(KafkaSettings.WRITE_USER) + ")",
                    i.setting(KafkaSettings.WRITE_USER), secrets.getOrDefault(KafkaSettings.WRITE_PASSWORD, "")});
            }
        }
        if (result.isEmpty()) {
            result.add(new String[] {"connection", null, null});
        }
        return result;
    }

    static Properties clientProperties(Integration i, String user, String password) {
        Properties p = new Properties();
        p.putAll(ConnectionOptions.kafkaClient(i, user, password));
        return KafkaTopics.withTimeouts(p);
    }

    private static String explain(String bootstrap, String protocol, String user, Throwable e) {
        if (e instanceof SaslAuthenticationException) {
            return "Kafka refused the user name or password" + (user == null ? "" : " of " + user) + " ("
                    + e.getMessage() + ")";
        }
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake with " + bootstrap + " failed: " + tlsReason(e)
                    + ". If the brokers use a private certificate authority, paste its certificate (PEM) as "
                    + "trusted certificate";
        }
        if (e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return "no answer from " + bootstrap + " within 5 s: the host is unreachable, the port is wrong, or the "
                    + "listener expects another security protocol than " + (protocol.isBlank() ? "PLAINTEXT" : protocol);
        }
        if (e instanceof KafkaException && e.getCause() != null) {
            return "the Kafka client could not start: " + e.getCause().getMessage();
        }
        return "Kafka at " + bootstrap + " failed: " + e.getMessage();
    }

    /** The innermost TLS message, which names the real problem (an untrusted certificate, a wrong host name). */
    private static String tlsReason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (message.contains("unable to find valid certification path")) {
            return "the brokers' certificate is not signed by an authority Eddy trusts";
        }
        if (message.contains("No subject alternative") || message.contains("doesn't match")) {
            return "the brokers' certificate is for another host name (" + message + ")";
        }
        return message;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
