#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace shopdesk {

// The store's opening hours as its profile says them (setting store.hours), in the ways shop
// owners write them: "Monday to Saturday 7:00 am to 10:00 pm; Sunday 8:00 am to 9:00 pm",
// "Mon-Sat 9-21, Sun closed", "daily 08:00-22:00", "every day 7 am - 11 pm". Days a part does
// not name are closed when some part names days. Times past midnight ("6 pm to 2 am") run into
// the next day.
class StoreHours
{
public:
    struct Span
    {
        int day = 1; // 1 Monday .. 7 Sunday
        QTime open;
        QTime close; // before open: past midnight
    };

    // Nothing when the text says no hours Shopdesk can read (the away message stays off).
    static std::optional<StoreHours> parse(const QString &text);

    bool isOpen(const QDateTime &local) const;
    // When the store next opens after `local` ("7:00 am", or "Monday 9:00 am" on another day).
    QString nextOpening(const QDateTime &local) const;
    const QList<Span> &spans() const { return m_spans; }

private:
    QList<Span> m_spans;
};

} // namespace shopdesk
