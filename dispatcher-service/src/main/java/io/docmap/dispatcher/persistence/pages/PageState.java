package io.docmap.dispatcher.persistence.pages;

/** Where a page is: recorded before it is sent, sent once the broker acknowledged it, done once all its rows have an outcome. */
public enum PageState {
    RECORDED,
    SENT,
    DONE
}
