#include "agent/StoreHours.h"

#include <QLocale>
#include <QRegularExpression>

namespace shopdesk {

namespace {

// 1..7 for a day's name or its short form ("mon", "tues"); 0 when it is not one.
int dayOf(const QString &word)
{
    static const char *names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const QString w = word.toLower();
    if (w.size() < 3)
        return 0;
    for (int i = 0; i < 7; ++i) {
        if (w.startsWith(QLatin1String(names[i])))
            return i + 1;
    }
    return 0;
}

// "7", "7:30", "07:30", "7 am", "7.30pm", "19:00" -> a time; invalid when it is not one.
QTime timeOf(const QString &hours, const QString &minutes, const QString &meridiem)
{
    int h = hours.toInt();
    const int m = minutes.isEmpty() ? 0 : minutes.toInt();
    const QString ap = meridiem.toLower();
    if (ap.startsWith(QLatin1Char('p')) && h < 12)
        h += 12;
    if (ap.startsWith(QLatin1Char('a')) && h == 12)
        h = 0;
    if (h == 24)
        return QTime(23, 59, 59);
    return QTime(h, m);
}

// The days a part names: "Monday to Saturday", "Mon-Sat", "Sunday", "Mon, Wed", "daily".
QList<int> daysOf(const QString &part, bool *named)
{
    static const QRegularExpression range(
        QStringLiteral("([a-z]{3,9})\\s*(?:to|-|–|till|until)\\s*([a-z]{3,9})"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression word(QStringLiteral("[a-z]+"),
                                         QRegularExpression::CaseInsensitiveOption);
    QList<int> days;
    *named = false;
    const auto r = range.match(part);
    if (r.hasMatch() && dayOf(r.captured(1)) && dayOf(r.captured(2))) {
        *named = true;
        int d = dayOf(r.captured(1));
        const int last = dayOf(r.captured(2));
        for (int guard = 0; guard < 7; ++guard) {
            days << d;
            if (d == last)
                break;
            d = d % 7 + 1;
        }
        return days;
    }
    auto words = word.globalMatch(part);
    while (words.hasNext()) {
        const int d = dayOf(words.next().captured(0));
        if (d && !days.contains(d))
            days << d;
    }
    *named = !days.isEmpty();
    if (days.isEmpty())
        days = {1, 2, 3, 4, 5, 6, 7}; // "daily", "every day", or no days named
    return days;
}

QString clock(const QTime &t)
{
    return QLocale(QLocale::English)
        .toString(t, t.minute() ? QStringLiteral("h:mm ap") : QStringLiteral("h ap"));
}

} // namespace

std::optional<StoreHours> StoreHours::parse(const QString &text)
{
    static const QRegularExpression times(
        QStringLiteral("(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?\\s*"
                       "(?:to|-|–|till|until)\\s*(\\d{1,2})(?:[:.](\\d{2}))?\\s*"
                       "(am|pm|a\\.m\\.|p\\.m\\.)?"),
        QRegularExpression::CaseInsensitiveOption);
    StoreHours hours;
    for (const QString &part : text.split(
             QRegularExpression(QStringLiteral("[;\\n]|,\\s*(?=[a-z])")), Qt::SkipEmptyParts)) {
        const auto t = times.match(part);
        bool named = false;
        const QString dayText = t.hasMatch() ? part.left(t.capturedStart()) : part;
        const QList<int> days = daysOf(dayText, &named);
        if (!t.hasMatch())
            continue; // "Sunday closed": a named day with no hours stays closed
        QString openAp = t.captured(3);
        const QString closeAp = t.captured(6);
        if (openAp.isEmpty() && closeAp.startsWith(QLatin1Char('a'), Qt::CaseInsensitive))
            openAp = QStringLiteral("am");
        const QTime open = timeOf(t.captured(1), t.captured(2), openAp);
        QTime close = timeOf(t.captured(4), t.captured(5), closeAp);
        // "9 to 9" with no am/pm: the evening, as a shop means it.
        if (closeAp.isEmpty() && close.isValid() && open.isValid() && close <= open &&
            close.hour() < 12)
            close = close.addSecs(12 * 3600);
        if (!open.isValid() || !close.isValid())
            continue;
        for (int d : days)
            hours.m_spans.append({d, open, close});
    }
    if (hours.m_spans.isEmpty())
        return std::nullopt;
    return hours;
}

bool StoreHours::isOpen(const QDateTime &local) const
{
    const int day = local.date().dayOfWeek();
    const int yesterday = (day + 5) % 7 + 1;
    const QTime now = local.time();
    for (const Span &s : m_spans) {
        const bool overnight = s.close < s.open;
        if (s.day == day && now >= s.open && (overnight || now < s.close))
            return true;
        if (overnight && s.day == yesterday && now < s.close)
            return true;
    }
    return false;
}

QString StoreHours::nextOpening(const QDateTime &local) const
{
    for (int ahead = 0; ahead < 8; ++ahead) {
        const QDate date = local.date().addDays(ahead);
        QTime best;
        for (const Span &s : m_spans) {
            if (s.day != date.dayOfWeek() || (ahead == 0 && s.open <= local.time()))
                continue;
            if (!best.isValid() || s.open < best)
                best = s.open;
        }
        if (!best.isValid())
            continue;
        if (ahead == 0)
            return clock(best);
        if (ahead == 1)
            return QStringLiteral("tomorrow %1").arg(clock(best));
        return QStringLiteral("%1 %2").arg(QLocale(QLocale::English).dayName(date.dayOfWeek()),
                                           clock(best));
    }
    return {};
}

} // namespace shopdesk
