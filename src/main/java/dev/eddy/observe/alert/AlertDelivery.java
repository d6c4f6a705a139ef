package dev.eddy.observe.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Sends a message to channels by name, each in its own way, and says in words which could not be told. */
@Component
class AlertDelivery {
    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);
    private final AlertStore store;
    private final ObjectMapper json;

    AlertDelivery(AlertStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Tells every channel; returns why each one that could not be told was not (empty when all were). */
    List<String> sendToAll(List<String> channels, AlertMessage message) {
        List<String> failed = new ArrayList<>();
        for (String name : channels) {
            try {
                AlertChannel channel = store.channel(name)
                        .orElseThrow(() -> new AlertException("Channel " + name + " no longer exists."));
                send(channel, message);
            } catch (AlertException e) {
                log.warn("Alert message '{}' not delivered to channel {}: {}", message.headline(), name, e.getMessage());
                failed.add(name + ": " + e.getMessage() + ".");
            } catch (RuntimeException e) {
                log.warn("Alert message '{}' not delivered to channel {}: {}", message.headline(), name, e.toString());
                failed.add(name + ": " + e.getClass().getSimpleName() + ".");
            }
        }
        return failed;
    }

    /** @throws AlertException in words when the channel could not be told */
    void send(AlertChannel channel, AlertMessage message) {
        String secret = store.secret(channel.name()).orElse(null);
        switch (channel.kind()) {
            case EMAIL -> EmailSender.send(channel, secret, message);
            case WEBHOOK -> {
                if (secret == null) {
                    throw new AlertException("Webhook " + channel.name() + " has no address: enter it on the Alerts page");
                }
                WebhookSender.send(channel, secret, message, json);
            }
        }
    }
}
