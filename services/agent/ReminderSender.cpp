#include "agent/ReminderSender.h"

#include "agent/ShopTools.h"
#include "core/Logging.h"
#include "messaging/MessagingService.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

namespace shopdesk {

ReminderSender::ReminderSender(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setParent(this); // moves with the sender to the engine's thread
    connect(&m_timer, &QTimer::timeout, this, &ReminderSender::sendDue);
}

void ReminderSender::start(int intervalMs)
{
    m_timer.start(intervalMs);
    sendDue();
}

void ReminderSender::stop()
{
    m_timer.stop();
}

void ReminderSender::sendDue()
{
    if (m_running) {
        m_again = true; // one more pass when this one ends
        return;
    }
    m_running = true;
    m_store.run(
        this, [](Store &store) { return sendDueNow(store, QDateTime::currentDateTimeUtc()); },
        [this](Result<Report> report) {
            m_running = false;
            if (!report) {
                qCWarning(lcAgent).noquote() << "Reminders not sent:" << report.error();
                Report failed;
                failed.problems << report.error();
                Q_EMIT finished(failed);
            } else {
                if (report->sent + report->failed > 0)
                    qCInfo(lcAgent) << "Reminders: sent" << report->sent << "(as a template"
                                    << report->asTemplate << ") failed" << report->failed;
                Q_EMIT finished(report.value());
            }
            if (m_again) {
                m_again = false;
                sendDue();
            }
        });
}

Result<ReminderSender::Report> ReminderSender::sendDueNow(Store &store, const QDateTime &now,
                                                          int limit)
{
    using R = Result<Report>;
    auto due = store.agent().dueReminders(now, limit);
    if (!due)
        return R::failure(due.error());
    Report report;
    for (const Reminder &r : due.value()) {
        auto done = sql::guard([&] {
            return sql::transaction(store.backend(), [&] {
                auto claimed = store.agent().claimReminder(r.tenantId, r.id);
                if (!claimed)
                    throw SqlError(claimed.error());
                if (!claimed.value())
                    return 0; // another node sends it
                auto conversation =
                    store.conversations().lockConversation(r.tenantId, r.conversationId);
                if (!conversation)
                    throw SqlError(conversation.error());
                if (conversation->owner == OwnerKind::Human) {
                    // A person has the chat: the bot says nothing there, reminders included.
                    // It goes out after the hand back.
                    auto later = store.agent().setReminderState(r.tenantId, r.id,
                                                                QStringLiteral("scheduled"));
                    if (!later)
                        throw SqlError(later.error());
                    return 0;
                }
                auto optedOut = store.conversations().optedOut(r.tenantId, r.conversationId);
                if (!optedOut)
                    throw SqlError(optedOut.error());
                if (optedOut.value()) {
                    // The customer wrote STOP: this reminder is never sent.
                    auto cancelled = store.agent().setReminderState(
                        r.tenantId, r.id, QStringLiteral("cancelled"),
                        QStringLiteral("The customer asked for no more messages (STOP)."));
                    if (!cancelled)
                        throw SqlError(cancelled.error());
                    ++report.optedOut;
                    return 0;
                }
                // The amount is what the ledger says now: payments since it was set count.
                const qint64 owed = sql::need(store.ledger().balance(r.tenantId, r.contactId));
                if (owed <= 0) {
                    sql::need(store.agent().setReminderState(
                        r.tenantId, r.id, QStringLiteral("cancelled"),
                        QStringLiteral("Paid in full before the reminder was due.")));
                    ++report.paidUp;
                    return 0;
                }
                auto settings = store.tenants().settingsWithName(r.tenantId);
                if (!settings)
                    throw SqlError(settings.error());
                OutboundDraft draft;
                draft.tenantId = r.tenantId;
                draft.conversationId = r.conversationId;
                draft.author = Author::Bot;
                const QDateTime closes = conversation->windowClosesAt();
                const bool windowOpen = closes.isValid() && closes > now;
                OutboundDraft text = draft;
                text.text = owed == r.amountMinor ? r.body
                                                  : ShopTools::reminderText(settings.value(), owed);
                OutboundDraft approved = draft;
                approved.templateName = settings->value(QStringLiteral("reminders.template"),
                                                        QStringLiteral("payment_reminder"));
                approved.params = {
                    ShopTools::formatMoney(owed, settings->value(QStringLiteral("store.currency"),
                                                                 QStringLiteral("INR"))),
                    settings->value(QStringLiteral("store.name"))};
                bool viaTemplate = false;
                auto sent = MessagingService::enqueue(store, windowOpen ? text : approved);
                if (!windowOpen) {
                    viaTemplate = bool(sent);
                    // A channel without the 24-hour rule (Evolution) takes the text instead.
                    if (!sent) {
                        auto asText = MessagingService::enqueue(store, text);
                        if (asText)
                            sent = asText;
                    }
                }
                auto marked =
                    sent ? store.agent().setReminderState(r.tenantId, r.id, QStringLiteral("sent"))
                         : store.agent().setReminderState(r.tenantId, r.id,
                                                          QStringLiteral("failed"), sent.error());
                if (!marked)
                    throw SqlError(marked.error());
                if (!sent) {
                    report.problems
                        << QStringLiteral("Reminder %1: %2").arg(r.id).arg(sent.error());
                    return -1;
                }
                report.asTemplate += viaTemplate ? 1 : 0;
                return 1;
            });
        });
        if (!done)
            return R::failure(done.error());
        report.sent += done.value() > 0 ? 1 : 0;
        report.failed += done.value() < 0 ? 1 : 0;
    }
    return report;
}

} // namespace shopdesk
