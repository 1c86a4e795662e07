#include "ai/PersonalDataMask.h"

#include <QRegularExpression>

namespace shopdesk {

QString PersonalDataMask::mask(const QString &text, const QStringList &names)
{
    static const QRegularExpression email(QStringLiteral("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+"));
    static const QRegularExpression phone(QStringLiteral("\\+?\\d(?:[\\s-]?\\d){6,}"));
    QString out = text;
    out.replace(email, QStringLiteral("[email]"));
    out.replace(phone, QStringLiteral("[phone]"));
    for (const QString &name : names) {
        for (const QString &part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (part.size() < 2)
                continue;
            const QRegularExpression word(
                QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(part)),
                QRegularExpression::CaseInsensitiveOption |
                    QRegularExpression::UseUnicodePropertiesOption);
            out.replace(word, QStringLiteral("[name]"));
        }
    }
    return out;
}

} // namespace shopdesk
