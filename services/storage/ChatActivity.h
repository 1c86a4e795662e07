#pragma once

#include "domain/Message.h"

#include <QList>
#include <QString>

#include <optional>

namespace shopdesk {

class SqlBackend;

// The facts the reports read instead of every message (migration 014), kept in step inside
// the writer's transaction: chat_activity, each chat's customer, bot, person and handoff times
// and moods per 15-minute slot; and each handoff's first reply and end on its event row.
// A slot is recomputed from its messages and events (never counted up), so a late or
// out-of-order write leaves it exact; on PostgreSQL the writer already holds the chat's row
// lock (ConversationStore touches the chat first), so two nodes cannot both write a slot from
// a stale view. Throws SqlError.
class ChatActivity
{
public:
    static constexpr qint64 kSlotMs = 15 * 60 * 1000;
    static qint64 slotOf(qint64 ms) { return ms / kSlotMs; }

    explicit ChatActivity(SqlBackend &db);

    // New messages: their chats' slots, and the handoffs a person's reply answers.
    void messagesAdded(qint64 tenantId, const QList<Message> &messages);
    // A conversation event just inserted (`eventId`): a handoff gets its reply and end from
    // what is already stored; a hand-back or close ends the handoffs before it.
    void eventAdded(qint64 tenantId, qint64 conversationId, qint64 eventId, const QString &kind,
                    qint64 at);
    // Before storing moods (a report is no chat writer): on PostgreSQL, the chats' row locks in
    // id order, as every writer of several chats takes them, so a message written meanwhile
    // waits and then sees the moods.
    void lockChats(qint64 tenantId, QList<qint64> conversationIds);
    // Moods just stored for messages that had none: the slots' counts, added in one statement
    // per 200 slots (additions, so they need no recomputing).
    struct Scored
    {
        qint64 conversationId = 0;
        qint64 at = 0;
        int mood = 0; // -1, 0, 1
    };
    void moodsStored(qint64 tenantId, const QList<Scored> &messages);
    // Every slot and handoff of a store from its messages and events (0: every store), for
    // history written before these facts existed and for bulk loads.
    void rebuild(qint64 tenantId = 0);

private:
    // What a message or event counts as in its slot.
    struct Mark
    {
        enum Kind { Customer, Bot, Person, Handoff } kind = Customer;
        qint64 at = 0;
        std::optional<int> mood; // customers' only
        bool text = false;       // a customer's text (scored for mood)
    };
    void add(qint64 tenantId, qint64 conversationId, const QList<Mark> &marks);  // one slot
    void addMarks(qint64 tenantId, const QList<std::pair<qint64, Mark>> &marks); // per chat
    // Recomputes the chat's slots from `firstSlot` to `lastSlot`.
    void refresh(qint64 tenantId, qint64 conversationId, qint64 firstSlot, qint64 lastSlot);
    void rebuildStore(qint64 tenantId);

    SqlBackend &m_db;
};

} // namespace shopdesk
