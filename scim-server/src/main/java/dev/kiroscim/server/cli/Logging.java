package dev.kiroscim.server.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Sends JUL (Jersey, Grizzly) and JBoss Logging (Hibernate) through SLF4J, so the jar has one log format. */
final class Logging {

    private Logging() {}

    static void configure() {
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
