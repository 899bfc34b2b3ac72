package dev.kiroscim.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lifecycles of {@link DownstreamLifecycleContract} in {@code identityCenter.mode: scim} with a second bridge jar
 * as the downstream (SCIM-receiver role, plan-only itself): a check of the SCIM adapter against a full RFC 7644
 * server rather than only against the emulator written from Identity Center's documentation. Our server does not page
 * by cursor, so the adapter reads its first 100 users per listing; the scenarios stay below that.
 */
class OwnServerDownstreamEndToEndTest extends DownstreamLifecycleContract {

    private KiroServer receiver;
    private Path tokenFile;

    @Override
    protected boolean startDownstream(Path dir) throws Exception {
        receiver = KiroServer.start(ServerOptions.on(Backend.H2));
        tokenFile = dir.resolve("receiver-token");
        Files.writeString(tokenFile, receiver.token());
        return true;
    }

    @Override
    protected void requireDownstream() {
        // the receiver is this project's own jar: always there when these tests run
    }

    @Override
    protected String identityCenterYaml() {
        return scimModeYaml(receiver.scimUri(), tokenFile);
    }

    @Override
    protected DownstreamView openView() {
        return new OwnServerView(receiver);
    }

    @Override
    protected void stopDownstream() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Override
    protected void checkPlannedRequest(com.fasterxml.jackson.databind.JsonNode removeMembershipCall) {
        ScimDownstreamEndToEndTest.assertScimRemoveRequest(removeMembershipCall);
    }
}
