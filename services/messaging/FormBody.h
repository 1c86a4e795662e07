#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace shopdesk {

// application/x-www-form-urlencoded, as Twilio sends and expects it. Repeated names are kept.
class FormBody
{
public:
    using Fields = QList<QPair<QString, QString>>;

    // False when the body is not form encoding (a field without '=' or bad UTF-8 is not fatal:
    // it is kept as a name with an empty value, as browsers do).
    static Fields parse(const QByteArray &body);
    static QByteArray encode(const Fields &fields);
    static QString value(const Fields &fields, const QString &name);
};

} // namespace shopdesk
