package de.patientenversand.upload;

import de.patientenversand.links.LinkDirectory;
import io.undertow.util.Methods;
import java.util.List;

/**
 * Wires the upload server's parts once: error responder, failed-lookup limiter, the routes with
 * the multipart endpoint. Other handlers (tus, submissions, page) are added through
 * {@link #routes()} before {@link #server(List)} is called.
 */
public final class UploadStack {
    private final UploadPolicy policy;
    private final ErrorResponder errors;
    private final FailedLookupLimiter limiter;
    private final UploadRoutes routes;
    /** One share for every server of this stack: a client counts the same on each listener. */
    private final ClientShare share;

    public UploadStack(UploadPolicy policy) {
        this.policy = policy;
        this.errors = new ErrorResponder(policy.events());
        UploadLimits limits = policy.limits();
        this.share = new ClientShare(limits.maxRequestsPerClient());
        this.limiter = new FailedLookupLimiter(limits.failedLookupsAllowed(), limits.failedLookupWindow(), policy.clock());
        this.routes = new UploadRoutes(errors)
                .linked(Methods.POST_STRING, "/upload", new MultipartUploadHandler(policy, errors));
    }

    public UploadRoutes routes() {
        return routes;
    }

    public ErrorResponder errors() {
        return errors;
    }

    public UploadPolicy policy() {
        return policy;
    }

    public LinkDirectory links() {
        return policy.links();
    }

    /** A server with the routes as they are now; start it with {@link UploadServer#start()}. */
    public UploadServer server(List<UploadServer.Listener> listeners) {
        var router = routes.build(linkRoutes -> new LinkTokenHandler(policy.links(), limiter, errors, policy.events(),
                share, linkRoutes));
        return new UploadServer(policy.limits(), router, errors, listeners);
    }
}
