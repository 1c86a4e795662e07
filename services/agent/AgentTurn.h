#pragma once

#include "agent/AgentModels.h"
#include "agent/ConversationState.h"
#include "core/Result.h"
#include "domain/Message.h"
#include "domain/Order.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaType>

#include <optional>

namespace shopdesk {

class Store;
class ShopTools;

// The deterministic bot for one customer message, in two steps on the database thread.
// decide() reads: normalizes the message, classifies its intent, reads the items and products
// in it, follows the conversation's state (a question the bot asked), runs the tools and drafts
// the reply or the hand-over; it writes nothing. When the answer has to come from the store's
// knowledge it says so, and the caller asks the knowledge service in between. commit() then
// writes everything in one transaction: it re-checks that the bot still owns the conversation
// (a person who took over meanwhile wins: nothing is sent), creates or changes the order,
// saves the state, puts the reply in the outbox, marks the chat as needing a person with the
// reason, and records the execution trace.
class AgentTurn
{
public:
    struct Input
    {
        qint64 tenantId = 0;
        qint64 conversationId = 0;
        Message message;
    };
    struct KnowledgeAnswer
    {
        bool answered = false;
        QString text;
        double confidence = 0;
        QString reason;
        QJsonObject trace;
    };
    enum class OrderAction { None, Create, Update };
    struct Plan
    {
        Input input;
        qint64 contactId = 0;
        ConversationState state;
        QString reply;
        QString escalation;        // the reason, when the chat goes to a person
        QString silentReason;      // why the bot says nothing
        QString knowledgeQuestion; // ask the store's knowledge, then finish in commit()
        QString outOfScopeReply;   // when the classifier says out of scope and knowledge fails
        double confidence = 0;
        OrderAction orderAction = OrderAction::None;
        Order order;
        QString handover; // the store's hand-over message
        QJsonObject trace;
        QJsonArray steps;
        QJsonArray tools;
        qint64 startedNs = 0;
    };
    struct Outcome
    {
        QString decision; // reply, escalate, silent
        QString reply;
        QString reason;
        qint64 traceId = 0;
        qint64 orderId = 0;
        QJsonObject trace;
    };

    static Result<Plan> decide(Store &store, AgentModels &models, const Input &input);
    static Result<Outcome> commit(Store &store, Plan plan,
                                  const std::optional<KnowledgeAnswer> &knowledge = {});

private:
    class Context;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::AgentTurn::Outcome)
