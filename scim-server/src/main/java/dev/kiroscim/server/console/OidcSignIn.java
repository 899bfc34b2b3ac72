package dev.kiroscim.server.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.kiroscim.core.console.ConsoleRole;
import dev.kiroscim.core.console.ConsoleSessionStore;
import dev.kiroscim.core.console.ConsoleSessions;
import dev.kiroscim.server.config.ConfigException;
import dev.kiroscim.server.config.ConsoleSection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * OpenID Connect sign-in for the console with Nimbus (oauth2-oidc-sdk): the authorization code flow with PKCE (S256),
 * {@code state} and {@code nonce}; the ID token's signature (the IdP's published keys), issuer, audience, expiry and
 * nonce are checked by {@link IDTokenValidator}. The role comes from the {@code groups} claim: a member of an admin
 * group is an admin, else of a read-only group read-only, else refused.
 *
 * <p>The IdP's metadata is fetched from {@code issuer/.well-known/openid-configuration} at the first sign-in (not at
 * start-up, so an IdP outage never stops provisioning) and kept.
 */
final class OidcSignIn {

    /** Why a callback did not sign anyone in; {@code code} is what the sign-in page explains. */
    static final class Refused extends Exception {
        final String code;
        final String person;

        Refused(String code, String person, String message) {
            super(message);
            this.code = code;
            this.person = person;
        }
    }

    record Identity(String person, ConsoleRole role) {}

    private static final int TIMEOUT_MS = 10_000;

    private final ConsoleSection.Oidc config;
    private final ClientID clientId;
    private final Secret secret;
    private volatile OIDCProviderMetadata metadata;
    private volatile IDTokenValidator validator;

    OidcSignIn(ConsoleSection.Oidc config) {
        this.config = config;
        this.clientId = new ClientID(config.clientId());
        this.secret = config.clientSecretFile() == null ? null : readSecret(config);
    }

    private static Secret readSecret(ConsoleSection.Oidc config) {
        try {
            String value = Files.readString(config.clientSecretFile()).trim();
            if (value.isEmpty()) {
                throw new ConfigException("console.oidc.clientSecretFile " + config.clientSecretFile() + " is empty");
            }
            return new Secret(value);
        } catch (IOException e) {
            throw new ConfigException("console.oidc.clientSecretFile " + config.clientSecretFile() + " cannot be read: "
                    + e.getMessage());
        }
    }

    /** The IdP's authorization URL for a new login, remembered (by its state) in the shared database. */
    URI start(URI redirectUri, ConsoleSessions sessions) throws IOException, com.nimbusds.oauth2.sdk.GeneralException {
        OIDCProviderMetadata idp = metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        sessions.startLogin(state.getValue(), verifier.getValue(), nonce.getValue());
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope(config.scopes().toArray(String[]::new)),
                        clientId,
                        redirectUri)
                .endpointURI(idp.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Exchanges the code (with the PKCE verifier), validates the ID token and decides the role. */
    Identity finish(String code, URI redirectUri, ConsoleSessionStore.PendingLogin login) throws Refused {
        IDTokenClaimsSet claims;
        try {
            OIDCProviderMetadata idp = metadata();
            AuthorizationCodeGrant grant = new AuthorizationCodeGrant(
                    new AuthorizationCode(code), redirectUri, new CodeVerifier(login.codeVerifier()));
            TokenRequest request;
            if (secret == null) {
                request = new TokenRequest(idp.getTokenEndpointURI(), clientId, grant);
            } else if (postOnly(idp)) {
                request = new TokenRequest(idp.getTokenEndpointURI(), new ClientSecretPost(clientId, secret), grant);
            } else {
                request = new TokenRequest(idp.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret), grant);
            }
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                var error = response.toErrorResponse().getErrorObject();
                throw new Refused(
                        "oidc-failed",
                        null,
                        "the IdP refused the code: " + error.getCode() + " " + error.getDescription());
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse())
                    .getOIDCTokens()
                    .getIDToken();
            claims = validator(idp).validate(idToken, new Nonce(login.nonce()));
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("oidc-failed", null, "single sign-on failed: " + e.getMessage());
        }
        String person = firstOf(
                claims.getStringClaim("preferred_username"),
                claims.getStringClaim("email"),
                claims.getSubject().getValue());
        List<String> groups =
                Optional.ofNullable(claims.getStringListClaim("groups")).orElse(List.of());
        if (groups.stream().anyMatch(config.adminGroups()::contains)) {
            return new Identity(person, ConsoleRole.ADMIN);
        }
        if (groups.stream().anyMatch(config.readOnlyGroups()::contains)) {
            return new Identity(person, ConsoleRole.READ_ONLY);
        }
        throw new Refused(
                "not-in-group",
                person,
                person + " is in none of the console's groups (admin: " + config.adminGroups() + ", read-only: "
                        + config.readOnlyGroups() + "); groups claim: " + groups);
    }

    private static boolean postOnly(OIDCProviderMetadata idp) {
        var methods = idp.getTokenEndpointAuthMethods();
        return methods != null
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
    }

    private OIDCProviderMetadata metadata() throws IOException, com.nimbusds.oauth2.sdk.GeneralException {
        OIDCProviderMetadata m = metadata;
        if (m == null) {
            m = OIDCProviderMetadata.resolve(new Issuer(config.issuer()), TIMEOUT_MS, TIMEOUT_MS);
            metadata = m;
        }
        return m;
    }

    private IDTokenValidator validator(OIDCProviderMetadata idp) throws IOException {
        IDTokenValidator v = validator;
        if (v == null) {
            List<JWSAlgorithm> offered = idp.getIDTokenJWSAlgs() == null ? List.of() : idp.getIDTokenJWSAlgs();
            JWSAlgorithm alg =
                    offered.contains(JWSAlgorithm.RS256) || offered.isEmpty() ? JWSAlgorithm.RS256 : offered.get(0);
            v = new IDTokenValidator(
                    idp.getIssuer(), clientId, alg, idp.getJWKSetURI().toURL());
            validator = v;
        }
        return v;
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "unknown";
    }
}
