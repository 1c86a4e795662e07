#pragma once

#include <QList>
#include <QString>

namespace shopdesk {

// One training sentence for the intent classifier and the intent it means.
struct IntentExample
{
    QString text;
    QString label;
};
using IntentExamples = QList<IntentExample>;

} // namespace shopdesk
