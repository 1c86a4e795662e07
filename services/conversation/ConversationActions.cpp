#include "conversation/ConversationActions.h"

#include "access/Access.h"
#include "agent/ConversationState.h"
#include "agent/ReplyTemplates.h"
#include "messaging/MessagingService.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

using sql::need;

namespace {

// Where a person moves the chat, and what the chat says about it.
struct Target
{
    OwnerKind owner = OwnerKind::Bot;
    qint64 operatorId = 0;
    QString closedReason;
    QString action;
    QString line;
    QString noticeKey; // a template told to the customer when the store switched it on
};

QString ownerText(Store &store, const Conversation &c)
{
    switch (c.owner) {
    case OwnerKind::Bot:
        return QStringLiteral("bot");
    case OwnerKind::Closed:
        return QStringLiteral("closed");
    case OwnerKind::Human:
        break;
    }
    return ConversationActions::operatorName(store, c.tenantId, c.ownerOperatorId);
}

QString storeName(Store &store, qint64 tenantId, const QMap<QString, QString> &settings)
{
    const QString own = settings.value(QStringLiteral("store.name")).trimmed();
    if (!own.isEmpty())
        return own;
    for (const Tenant &t : need(store.tenants().tenants()))
        if (t.id == tenantId)
            return t.name;
    return {};
}

// The customer is told, in the chat's language, when the store asked for it; a chat whose
// window has closed is not told (WhatsApp would refuse free text).
std::optional<Message> tellCustomer(Store &store, const Conversation &c, const Target &target,
                                    qint64 operatorId)
{
    const QMap<QString, QString> settings = need(store.tenants().settings(c.tenantId));
    const QString switchKey = target.noticeKey == QLatin1String("takeover_notice")
                                  ? QStringLiteral("inbox.notify_takeover")
                                  : QStringLiteral("inbox.notify_handback");
    if (settings.value(switchKey) != QLatin1String("true") || c.channelId <= 0)
        return std::nullopt;
    const QDateTime closes = c.windowClosesAt();
    if (!closes.isValid() || closes < QDateTime::currentDateTimeUtc())
        return std::nullopt;
    const bool hinglish =
        ConversationState::fromJson(need(store.agent().conversationState(c.tenantId, c.id)))
            .hinglish;
    const QString text = ReplyTemplates(settings).render(
        target.noticeKey, hinglish,
        {{QStringLiteral("operator"),
          ConversationActions::operatorName(store, c.tenantId, target.operatorId)},
         {QStringLiteral("store"), storeName(store, c.tenantId, settings)},
         {QStringLiteral("persona"),
          settings.value(QStringLiteral("persona.name"), QStringLiteral("Asha"))}});
    OutboundDraft draft;
    draft.tenantId = c.tenantId;
    draft.conversationId = c.id;
    draft.author = target.owner == OwnerKind::Bot ? Author::Bot : Author::Human;
    draft.operatorId = target.owner == OwnerKind::Bot ? 0 : operatorId;
    draft.text = text;
    return need(MessagingService::enqueue(store, draft)).message;
}

// Inside the caller's transaction, with the chat locked: moves it, audits, writes the line.
OwnershipChange move(Store &store, const Conversation &before, qint64 operatorId,
                     const Target &target)
{
    OwnershipChange change;
    change.before = before;
    change.action = target.action;
    change.changed = true;
    const qint64 tenantId = before.tenantId;
    change.after = need(store.conversations().setOwner(
        tenantId, before.id, target.owner,
        target.owner == OwnerKind::Closed ? operatorId : target.operatorId, target.closedReason));
    if (target.owner == OwnerKind::Bot) {
        // The bot starts afresh: old misunderstandings do not hand the chat straight back.
        ConversationState state =
            ConversationState::fromJson(need(store.agent().conversationState(tenantId, before.id)));
        state.misunderstandings = 0;
        need(store.agent().setConversationState(tenantId, before.id, state.toJson()));
    }
    const QJsonObject detail{{QStringLiteral("conversation"), before.id},
                             {QStringLiteral("from"), ownerText(store, before)},
                             {QStringLiteral("to"), ownerText(store, change.after)},
                             {QStringLiteral("reason"), target.closedReason}};
    need(store.audit().record(
        tenantId, operatorId, QStringLiteral("conversation.") + target.action,
        QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))));
    Message line;
    line.conversationId = before.id;
    line.direction = Direction::Outbound;
    line.author = Author::System;
    line.authorOperatorId = operatorId;
    line.type = QStringLiteral("system");
    line.body = target.line;
    change.lines.append(need(store.conversations().appendMessage(tenantId, line)));
    if (!target.noticeKey.isEmpty()) {
        if (auto told = tellCustomer(store, change.after, target, operatorId))
            change.lines.append(*told);
    }
    return change;
}

// Locks the chat, asks decide() where it goes (nullopt: already there), and moves it.
template<typename Decide>
Result<OwnershipChange> change(Store &store, qint64 tenantId, qint64 conversationId,
                               qint64 operatorId, Decide decide)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            const Conversation before =
                need(store.conversations().lockConversation(tenantId, conversationId));
            const std::optional<Target> target = decide(before);
            if (!target) {
                OwnershipChange same;
                same.before = before;
                same.after = before;
                return same;
            }
            return move(store, before, operatorId, *target);
        });
    });
}

// The person may work on chats in this store (Access: a member, not switched off).
void requireOperator(Store &store, qint64 tenantId, qint64 operatorId)
{
    need(Access::require(store, tenantId, operatorId, Permission::WorkChats));
}

} // namespace

QString ConversationActions::operatorName(Store &store, qint64 tenantId, qint64 operatorId)
{
    if (operatorId <= 0)
        return QStringLiteral("the store's phone");
    if (auto op = store.operators().find(tenantId, operatorId))
        return op.value().name;
    return QStringLiteral("operator %1").arg(operatorId);
}

Result<OwnershipChange> ConversationActions::takeOver(Store &store, qint64 tenantId,
                                                      qint64 conversationId, qint64 operatorId)
{
    return change(store, tenantId, conversationId, operatorId,
                  [&](const Conversation &c) -> std::optional<Target> {
                      requireOperator(store, tenantId, operatorId);
                      if (c.owner == OwnerKind::Human && c.ownerOperatorId == operatorId)
                          return std::nullopt;
                      if (c.owner == OwnerKind::Human && c.ownerOperatorId > 0)
                          throw SqlError(
                              QStringLiteral("%1 is already answering this chat. Ask them to "
                                             "hand it over, or assign it to yourself.")
                                  .arg(operatorName(store, tenantId, c.ownerOperatorId)));
                      const QString name = operatorName(store, tenantId, operatorId);
                      const QString from =
                          c.owner == OwnerKind::Closed ? QStringLiteral(" and reopened the chat")
                          : c.owner == OwnerKind::Bot  ? QStringLiteral(" from the bot")
                                                       : QStringLiteral(" from the store's phone");
                      return Target{OwnerKind::Human,
                                    operatorId,
                                    {},
                                    QStringLiteral("takeover"),
                                    name + QStringLiteral(" took over") + from + QLatin1Char('.'),
                                    QStringLiteral("takeover_notice")};
                  });
}

Result<OwnershipChange> ConversationActions::handBack(Store &store, qint64 tenantId,
                                                      qint64 conversationId, qint64 operatorId)
{
    return change(store, tenantId, conversationId, operatorId,
                  [&](const Conversation &c) -> std::optional<Target> {
                      requireOperator(store, tenantId, operatorId);
                      if (c.owner == OwnerKind::Bot && !c.needsHuman)
                          return std::nullopt;
                      if (c.owner == OwnerKind::Closed)
                          throw SqlError(QStringLiteral(
                              "This chat is closed. Reopen it to give it to the bot."));
                      return Target{OwnerKind::Bot,
                                    0,
                                    {},
                                    QStringLiteral("handback"),
                                    operatorName(store, tenantId, operatorId) +
                                        QStringLiteral(" handed the chat back to the bot."),
                                    QStringLiteral("handback_notice")};
                  });
}

Result<OwnershipChange> ConversationActions::close(Store &store, qint64 tenantId,
                                                   qint64 conversationId, qint64 operatorId,
                                                   const QString &reason)
{
    return change(store, tenantId, conversationId, operatorId,
                  [&](const Conversation &c) -> std::optional<Target> {
                      requireOperator(store, tenantId, operatorId);
                      if (c.owner == OwnerKind::Closed)
                          return std::nullopt;
                      const QString why = reason.trimmed();
                      return Target{OwnerKind::Closed,
                                    operatorId,
                                    why,
                                    QStringLiteral("close"),
                                    operatorName(store, tenantId, operatorId) +
                                        QStringLiteral(" closed the chat") +
                                        (why.isEmpty() ? QString() : QStringLiteral(": ") + why) +
                                        QLatin1Char('.'),
                                    {}};
                  });
}

Result<OwnershipChange> ConversationActions::reopen(Store &store, qint64 tenantId,
                                                    qint64 conversationId, qint64 operatorId)
{
    return change(store, tenantId, conversationId, operatorId,
                  [&](const Conversation &c) -> std::optional<Target> {
                      requireOperator(store, tenantId, operatorId);
                      if (c.owner != OwnerKind::Closed)
                          return std::nullopt;
                      return Target{OwnerKind::Bot,
                                    0,
                                    {},
                                    QStringLiteral("reopen"),
                                    operatorName(store, tenantId, operatorId) +
                                        QStringLiteral(" reopened the chat; the bot answers."),
                                    {}};
                  });
}

Result<OwnershipChange> ConversationActions::assign(Store &store, qint64 tenantId,
                                                    qint64 conversationId, qint64 operatorId,
                                                    qint64 assigneeId)
{
    return change(store, tenantId, conversationId, operatorId,
                  [&](const Conversation &c) -> std::optional<Target> {
                      requireOperator(store, tenantId, operatorId);
                      requireOperator(store, tenantId, assigneeId);
                      if (c.owner == OwnerKind::Human && c.ownerOperatorId == assigneeId)
                          return std::nullopt;
                      const QString by = operatorName(store, tenantId, operatorId);
                      const QString to = operatorName(store, tenantId, assigneeId);
                      return Target{OwnerKind::Human,
                                    assigneeId,
                                    {},
                                    QStringLiteral("assign"),
                                    assigneeId == operatorId
                                        ? QString(by + QStringLiteral(" took the chat."))
                                        : QString(by + QStringLiteral(" gave the chat to ") + to +
                                                  QLatin1Char('.')),
                                    c.owner == OwnerKind::Bot ? QStringLiteral("takeover_notice")
                                                              : QString()};
                  });
}

Result<HumanReply> ConversationActions::reply(Store &store, const OutboundDraft &draft,
                                              bool takeOverFirst)
{
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            HumanReply out;
            const Conversation c =
                need(store.conversations().lockConversation(draft.tenantId, draft.conversationId));
            if (takeOverFirst && c.owner != OwnerKind::Human) {
                OwnershipChange taken =
                    need(takeOver(store, draft.tenantId, draft.conversationId, draft.operatorId));
                if (taken.changed)
                    out.takeover = taken;
            }
            requireOperator(store, draft.tenantId, draft.operatorId);
            OutboundDraft mine = draft;
            mine.author = Author::Human;
            out.message = need(MessagingService::enqueue(store, mine)).message;
            need(store.audit().record(
                draft.tenantId, draft.operatorId, QStringLiteral("conversation.send"),
                QJsonObject{{QStringLiteral("conversation"), draft.conversationId},
                            {QStringLiteral("message"), out.message.id},
                            {QStringLiteral("kind"), draft.mediaType.isEmpty()
                                                         ? QStringLiteral("text")
                                                         : QStringLiteral("file")}}));
            return out;
        });
    });
}

Result<Message> ConversationActions::addNote(Store &store, qint64 tenantId, qint64 conversationId,
                                             qint64 operatorId, const QString &text)
{
    const QString body = text.trimmed();
    if (body.isEmpty())
        return Result<Message>::failure(QStringLiteral("The note is empty."));
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            requireOperator(store, tenantId, operatorId);
            need(store.conversations().conversation(tenantId, conversationId));
            Message note;
            note.conversationId = conversationId;
            note.direction = Direction::Outbound;
            note.author = Author::Human;
            note.authorOperatorId = operatorId;
            note.type = QStringLiteral("note");
            note.body = body;
            return need(store.conversations().appendMessage(tenantId, note));
        });
    });
}

Result<Conversation> ConversationActions::setLabel(Store &store, qint64 tenantId,
                                                   qint64 conversationId, qint64 operatorId,
                                                   const QString &label, bool on)
{
    const QString name = label.trimmed();
    if (name.isEmpty())
        return Result<Conversation>::failure(QStringLiteral("A label needs a name."));
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            requireOperator(store, tenantId, operatorId);
            const Conversation c =
                need(store.conversations().lockConversation(tenantId, conversationId));
            QStringList labels = c.labels;
            if (on == labels.contains(name))
                return c;
            if (on)
                labels.append(name);
            else
                labels.removeAll(name);
            need(store.audit().record(
                tenantId, operatorId,
                on ? QStringLiteral("conversation.label_add")
                   : QStringLiteral("conversation.label_remove"),
                QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("conversation"), conversationId},
                                              {QStringLiteral("label"), name}})
                        .toJson(QJsonDocument::Compact))));
            return need(store.conversations().setLabels(tenantId, conversationId, labels));
        });
    });
}

Result<QList<OwnershipChange>> ConversationActions::handBackSilent(Store &store,
                                                                   const QDateTime &now)
{
    return sql::guard([&] {
        QList<OwnershipChange> changes;
        for (const Tenant &t : need(store.tenants().tenants())) {
            const int minutes =
                need(store.tenants().setting(t.id, QStringLiteral("inbox.auto_handback_min")))
                    .toInt();
            if (minutes <= 0)
                continue;
            const QList<qint64> silent =
                need(store.conversations().silentHumanChats(t.id, now.addSecs(-60LL * minutes)));
            for (const qint64 id : silent) {
                OwnershipChange c = need(
                    change(store, t.id, id, 0, [&](const Conversation &c) -> std::optional<Target> {
                        if (c.owner != OwnerKind::Human)
                            return std::nullopt;
                        return Target{OwnerKind::Bot,
                                      0,
                                      {},
                                      QStringLiteral("handback"),
                                      QStringLiteral("Nobody wrote for %1 minutes: the chat is "
                                                     "back with the bot.")
                                          .arg(minutes),
                                      QStringLiteral("handback_notice")};
                    }));
                if (c.changed)
                    changes.append(c);
            }
        }
        return changes;
    });
}

} // namespace shopdesk
