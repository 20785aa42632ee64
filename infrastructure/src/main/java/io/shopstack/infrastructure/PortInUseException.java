package io.shopstack.infrastructure;

/** A configured port is taken by another process; the message names the port and how to change it. */
public class PortInUseException extends IllegalStateException {

    public PortInUseException(String serverName, int port, String setting) {
        super("Port %d for %s is already in use: stop what uses it, or choose another port with %s"
                .formatted(port, serverName, setting));
    }
}
