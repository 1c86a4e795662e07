#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace shopdesk {

// An HTTP request as the engine sees it: plain values, the body exactly as received.
struct HttpRequest
{
    QByteArray method; // GET, POST, ...
    QUrl url;          // path and query as requested
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;

    QString path() const { return url.path(); }
    QUrlQuery query() const { return QUrlQuery(url); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// What the engine answers.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Retry-After, ...)

    static HttpResponse text(int status, const QString &text)
    {
        return {status, "text/plain; charset=utf-8", text.toUtf8(), {}};
    }
};

} // namespace shopdesk
