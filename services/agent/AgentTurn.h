#pragma once

#include "agent/AgentModels.h"
#include "agent/ConversationState.h"
#include "agent/MediaGate.h"
#include "agent/ModelToolLoop.h"
#include "ai/ModelEndpoint.h"
#include "core/Result.h"
#include "domain/Message.h"
#include "domain/Order.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMetaType>

#include <optional>

namespace shopdesk {

class Store;
class ShopTools;

// The deterministic bot for one customer message. Deciding (load, understand, respond below)
// normalizes the message, classifies its intent, reads the items and products in it, follows
// the conversation's state (a question the bot asked), runs the tools and drafts the reply or
// the hand-over; it writes nothing. When the answer has to come from the store's knowledge it
// says so, and the caller asks the knowledge service in between. commit() then writes
// everything in one transaction: it takes the message off the bot's queue (a turn for a message
// another node already answered sends nothing), re-checks that the bot still owns the
// conversation (a person who took over meanwhile wins: nothing is sent), creates or changes the
// order, saves the state, puts the reply in the outbox, marks the chat as needing a person with
// the reason, and records the execution trace.
class AgentTurn
{
public:
    struct Input
    {
        qint64 tenantId = 0;
        qint64 conversationId = 0;
        Message message;
        QDateTime now;      // the turn's time (the agent's clock); invalid: the computer's
        QDateTime botSince; // when this node's bot started (a file's wait counts from it)
    };
    struct KnowledgeAnswer
    {
        bool answered = false;
        QString text;
        double confidence = 0;
        QString reason;
        QJsonObject trace;
    };
    // What the message says, worked out off the database thread (understand()).
    struct Understanding
    {
        QString normalized;
        IntentClassifier::Prediction intent;
        QList<ProductMatcher::Match> items;             // an order's items
        QString productQuery;                           // what an availability/price asks
        QList<ProductMatcher::Candidate> productSearch; // ... and the products found
        QList<ProductMatcher::Candidate> choiceSearch;  // the bot asked which product
    };
    enum class OrderAction { None, Create, Update };
    struct Plan
    {
        Input input;
        qint64 contactId = 0;
        ConversationState state;
        QString reply;
        QString escalation;     // the reason, when the chat goes to a person
        QString escalationCode; // its EscalationReason, for the reports
        QString silentReason;   // why the bot says nothing
        // A voice note or photo still arriving or being read ("voice note"): the message stays
        // queued and the turn ends with nothing written; the bot comes back when it is read.
        QString waitingFor;
        MediaReading reading; // the voice note's transcript or the photo's list, when read
        qint64 channelId = 0; // the chat's channel (mark-as-read goes there)
        QString customer;     // the customer's WhatsApp number (digits)
        QDateTime now;        // the turn's time: greeting and away messages follow it
        // WhatsApp's list or buttons for the reply, sent only when the reply is still the text
        // they were made for (a model's or the knowledge's answer replaces both).
        QJsonObject interactive;
        QString interactiveFor;
        QStringList preface;       // the greeting or away message, sent before the reply
        QString knowledgeQuestion; // ask the store's knowledge, then finish in commit()
        QString outOfScopeReply;   // when the classifier says out of scope and knowledge fails
        double confidence = 0;
        OrderAction orderAction = OrderAction::None;
        Order order;
        QString handover;          // the store's hand-over message
        int reminderInDays = -1;   // the customer promised to pay: remind them then
        qint64 billOrderId = 0;    // "bill bhejo": this order's bill goes as a document
        bool ownerCommand = false; // from the owner's own number: OwnerCommands answers
        QString dataDir;           // where a bill's PDF is written (the engine's data folder)
        QJsonObject trace;
        QJsonArray steps;
        QJsonArray tools;
        AgentModels::Models models; // the store's classifier and matcher, for understand()
        Understanding understood;
        QElapsedTimer clock; // since load(): the trace's step times
        qint64 stepNs = 0;

        // The store's optional language model (setting ai.chat). It may write the reply when
        // the deterministic path is not in the middle of an order: then it gets the tools, the
        // conversation (personal data masked) and starts from the state before this message.
        ModelEndpoint model;
        bool modelMayAnswer = false;
        bool smallTalk = false; // a greeting or thanks: a reply needs no looked-up facts
        QJsonArray modelMessages;
        QStringList names; // the customer's name, masked before anything leaves the machine
        ConversationState before;
        QMap<QString, QString> settings;
    };
    // What the language model did in this turn, for useModelReply().
    struct ModelReply
    {
        ModelToolLoop::Outcome loop;
        ConversationState state; // after its add_to_cart calls
        QString escalation;      // it called escalate_to_human
        QString skipped;         // why it was not asked (the circuit breaker is open)
        double ms = 0;
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

    // A turn's deciding, in three steps so the work that needs no database runs elsewhere:
    // load() reads the chat, its state, the store's settings and models (database thread);
    // understand() normalizes, classifies and matches products (any thread: pure CPU over the
    // models' immutable data); respond() runs the tools and drafts the reply (database thread).
    // A silent turn (a person owns the chat) stops after load().
    static Result<Plan> load(Store &store, AgentModels &models, const Input &input);
    static void understand(Plan &plan);
    static Result<Plan> respond(Store &store, Plan plan);
    // All three on one thread. With conversationId 0 it previews the turn for a new chat
    // (nothing is read from a chat).
    static Result<Plan> decide(Store &store, AgentModels &models, const Input &input);
    // A tool the language model called, run on the database thread (add_to_cart changes
    // `state`, the model's copy of the conversation state). Errors come back as {"error": ...}
    // for the model to read.
    static QJsonObject runModelTool(Store &store, AgentModels &models, const Plan &plan,
                                    ConversationState &state, const QString &name,
                                    const QJsonObject &arguments);
    // Takes the model's reply into the plan when it is grounded in what the tools returned;
    // otherwise the plan stays the deterministic one. Records what happened in the trace.
    static void useModelReply(Store &store, AgentModels &models, Plan &plan,
                              const ModelReply &reply);
    static Result<Outcome> commit(Store &store, Plan plan,
                                  const std::optional<KnowledgeAnswer> &knowledge = {});

private:
    class Context;
    static void mark(Plan &plan, const char *step);
    // A voice note, photo or file the bot cannot read: a person gets the chat with the reason.
    static void handOverMedia(Plan &plan, const MediaGate::Decision &gate);
    // The greeting or away message the store sends before the reply (Greetings).
    static Status addPreface(Store &store, Plan &plan);
    static void markWait(Plan &plan, const char *step); // time waiting between threads
    // The turn's writes when the bot answers: the order, a reminder, the reply, the hand-over,
    // the conversation's state.
    static Status writeTurn(Store &store, Plan &plan, Outcome &out);
    // Another order took the goods since the plan looked: the reply says so and the order is
    // not written (true).
    static Result<bool> soldMeanwhile(Store &store, Plan &plan);
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::AgentTurn::Outcome)
