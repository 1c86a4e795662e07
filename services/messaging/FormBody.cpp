#include "messaging/FormBody.h"

#include <QUrl>

namespace shopdesk {

namespace {

QString decode(QByteArray part)
{
    part.replace('+', ' ');
    return QUrl::fromPercentEncoding(part);
}

} // namespace

FormBody::Fields FormBody::parse(const QByteArray &body)
{
    Fields fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            fields.append({decode(pair), QString()});
        else
            fields.append({decode(pair.left(eq)), decode(pair.mid(eq + 1))});
    }
    return fields;
}

QByteArray FormBody::encode(const Fields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString FormBody::value(const Fields &fields, const QString &name)
{
    for (const auto &[n, v] : fields) {
        if (n == name)
            return v;
    }
    return {};
}

} // namespace shopdesk
