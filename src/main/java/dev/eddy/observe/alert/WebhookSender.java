package dev.eddy.observe.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Posts an alert message as JSON a Slack incoming webhook takes ({@code text}, in Slack's markup),
 * with every field also under {@code eddy} for receivers that read them one by one.
 */
final class WebhookSender {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private WebhookSender() {}

    /** @throws AlertException in words when the receiver cannot be reached or does not answer 2xx */
    static void send(AlertChannel channel, String address, AlertMessage message, ObjectMapper json) {
        String where = channel.shownAs();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(address.strip())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header("User-Agent", "Eddy")
                    .POST(HttpRequest.BodyPublishers.ofString(body(message, json))).build();
        } catch (IllegalArgumentException e) {
            throw new AlertException("The address of webhook " + channel.name() + " is not a URL: enter it again");
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AlertException("No answer from " + where + " within " + TIMEOUT.toSeconds()
                    + " s: check the address, and that Eddy's machine may reach it");
        } catch (ConnectException e) {
            throw new AlertException("Nothing answers at " + where + " (connection refused): check the webhook's address");
        } catch (IOException e) {
            throw new AlertException("Could not post to " + where + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertException("Eddy stopped while posting to " + where);
        }
        if (response.statusCode() / 100 != 2) {
            String said = response.body() == null ? "" : response.body().strip();
            said = said.length() > 200 ? said.substring(0, 200) + "…" : said;
            throw new AlertException(where + " answered " + response.statusCode() + (said.isEmpty() ? "" : " (" + said + ")")
                    + ": check the webhook's address" + (response.statusCode() / 100 == 3 ? " (it redirects; give the final one)" : ""));
        }
    }

    static String body(AlertMessage m, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        String text = "*" + m.headline() + "*";
        if (m.kind() != AlertMessage.Kind.TEST) {
            text += "\n" + m.summary() + "\nFires when " + m.when();
        }
        root.put("text", text + "\n<" + m.link() + "|Open in Eddy>");
        ObjectNode eddy = root.putObject("eddy");
        eddy.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        eddy.put("rule", m.ruleName());
        eddy.put("severity", m.severity() == null ? null : m.severity().label());
        eddy.put("subject", m.subjectLabel());
        eddy.put("summary", m.summary());
        eddy.put("when", m.when());
        eddy.put("link", m.link());
        eddy.put("firedAt", m.firedAt() == null ? null : m.firedAt().toString());
        eddy.put("at", m.at().toString());
        try {
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
