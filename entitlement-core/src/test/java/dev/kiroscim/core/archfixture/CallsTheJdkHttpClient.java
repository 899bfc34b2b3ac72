package dev.kiroscim.core.archfixture;

import java.net.http.HttpClient;

/** Deliberately bad layout for ArchitectureRulesTest: a domain class that talks HTTP itself. */
public final class CallsTheJdkHttpClient {

    public HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
