package de.patientenversand.upload.tus;

import de.patientenversand.upload.CatchAllHandler;
import de.patientenversand.upload.ErrorResponder;
import de.patientenversand.upload.UploadPolicy;
import de.patientenversand.upload.UploadRoutes;
import de.patientenversand.upload.page.ConsentHook;
import de.patientenversand.upload.page.UploadPage;
import de.patientenversand.upload.page.UploadPageHandler;
import de.patientenversand.upload.submission.CompleteSubmissionHandler;
import de.patientenversand.upload.submission.CreateSubmissionHandler;
import de.patientenversand.upload.submission.LinkGate;
import de.patientenversand.upload.submission.ReceiptHook;
import de.patientenversand.upload.submission.ReceiptJson;
import de.patientenversand.upload.submission.Submissions;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The practice's side of the server beyond the multipart endpoint: the upload page, submissions
 * and tus. It registers its routes under {@code /u/{token}} and runs one housekeeping thread that
 * aborts partial uploads after {@code expireAfter} of silence or when their link was revoked or
 * has expired, so an abandoned upload leaves nothing behind (T23).
 */
public final class ResumableModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResumableModule.class);

    private final UploadPolicy policy;
    private final ErrorResponder errors;
    private final LinkGate links;
    private final Submissions submissions;
    private final TusUploads uploads;
    private final ConsentHook consent;
    private final ReceiptHook receipts;
    private ScheduledExecutorService housekeeping;

    /**
     * @param expireAfter idle time after which a partial upload is aborted (hours in production)
     */
    public ResumableModule(UploadPolicy policy, ErrorResponder errors, Duration expireAfter, ConsentHook consent) {
        this(policy, errors, expireAfter, consent, ReceiptHook.NONE);
    }

    /** @param receipts told of each completed delivery (writes the receipt PDF) */
    public ResumableModule(UploadPolicy policy, ErrorResponder errors, Duration expireAfter, ConsentHook consent,
                           ReceiptHook receipts) {
        this.receipts = receipts;
        this.policy = policy;
        this.errors = errors;
        this.links = new LinkGate(policy.links());
        this.submissions = new Submissions(policy.sink(), policy.clock(), Duration.ofHours(24));
        this.uploads = new TusUploads(policy.clock(), expireAfter, 4 * policy.limits().maxConcurrentUploads(),
                4 * policy.limits().maxRequestsPerClient(), links::release);
        this.consent = consent;
    }

    /** Adds the page, submission and tus routes. */
    public ResumableModule register(UploadRoutes routes) {
        ReceiptJson json = new ReceiptJson();
        TusCommitter committer = new TusCommitter(policy, uploads);
        HttpHandler create = guard(new TusCreateHandler(links, submissions, uploads, policy, errors));
        HttpHandler options = guard(new TusOptionsHandler(policy));
        routes.linked(Methods.GET_STRING, "/", guard(new UploadPageHandler(links,
                        new UploadPage(policy.limits().maxFileBytes()), consent)))
                .linked(Methods.POST_STRING, "/submissions",
                        guard(new CreateSubmissionHandler(links, submissions, policy.limits(), errors, json,
                                policy.clock())))
                .linked(Methods.POST_STRING, "/submissions/{id}/complete",
                        guard(new CompleteSubmissionHandler(links, submissions, errors, json, receipts)))
                .linked(Methods.OPTIONS_STRING, "/tus", options)
                .linked(Methods.OPTIONS_STRING, "/tus/", options)
                .linked(Methods.POST_STRING, "/tus", create)
                .linked(Methods.POST_STRING, "/tus/", create)
                .linked(Methods.HEAD_STRING, "/tus/{id}", guard(new TusHeadHandler(links, uploads)))
                .linked(Methods.PATCH_STRING, "/tus/{id}", guard(new TusPatchHandler(links, uploads, committer, errors, policy)))
                .linked(Methods.DELETE_STRING, "/tus/{id}", guard(new TusDeleteHandler(links, uploads)));
        return this;
    }

    private HttpHandler guard(HttpHandler handler) {
        return new CatchAllHandler(errors, handler);
    }

    /** Starts the housekeeping (every {@code period}). */
    public synchronized void start(Duration period) {
        if (housekeeping != null) {
            throw new IllegalStateException("already started");
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tus-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::sweep, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Aborts expired partial uploads and those of closed links; forgets old submissions. */
    public int sweep() {
        try {
            int aborted = uploads.sweep(link -> {
                try {
                    return links.closed(link).isPresent();
                } catch (IOException e) {
                    return false;
                }
            });
            submissions.forgetOld();
            return aborted;
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping of partial uploads failed ({})", e.getClass().getName());
            return 0;
        }
    }

    /** Partial uploads held right now. */
    public int openUploads() {
        return uploads.open();
    }

    @Override
    public synchronized void close() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        uploads.sweep(link -> true);
    }
}
