#pragma once

#include <QString>
#include <QStringList>

namespace shopdesk {

// Masks personal data before text leaves the machine for a model server: phone numbers (7 or
// more digits, with spaces, dashes or a leading +), e-mail addresses, and the names given
// (the customer's contact name, say), whole words only, any case.
class PersonalDataMask
{
public:
    static QString mask(const QString &text, const QStringList &names = {});
};

} // namespace shopdesk
