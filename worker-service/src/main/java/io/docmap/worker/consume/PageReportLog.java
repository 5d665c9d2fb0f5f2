package io.docmap.worker.consume;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.docmap.common.Names;
import io.docmap.worker.page.PageReport;

/** The end of the worker's stream: one log line per finished page. */
@ApplicationScoped
public class PageReportLog {

    @Incoming(Names.PAGES_DONE)
    public void log(PageReport report) {
        Log.debugf(
                "page %d done in %d ms: %d named, %d stored, %d failed, %d already had an outcome",
                report.pageId(),
                report.nanos() / 1_000_000,
                report.named(),
                report.stored(),
                report.failed(),
                report.named() - report.stored() - report.failed());
    }
}
