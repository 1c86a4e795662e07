#include "agent/AgentTurn.h"

#include "agent/MessageNormalizer.h"
#include "agent/PaymentPromise.h"
#include "agent/ReplyGrounding.h"
#include "agent/ReplyTemplates.h"
#include "agent/ShopIntents.h"
#include "agent/ShopTools.h"
#include "ai/PersonalDataMask.h"
#include "knowledge/KnowledgeSettings.h"
#include "messaging/MessagingService.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QJsonDocument>
#include <QLocale>
#include <QSet>

#include <cmath>

namespace shopdesk {

namespace {

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Words that ask about a product without naming it.
const QSet<QString> &questionWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w :
             {"what",   "is",    "the",       "price", "rate",   "how",    "much",  "do",
              "you",    "have",  "available", "stock", "kitne",  "kitna",  "kitni", "ka",
              "ki",     "ke",    "hai",       "kya",   "milega", "milegi", "mil",   "jayega",
              "cost",   "of",    "mrp",       "sell",  "any",    "got",    "in",    "there",
              "tell",   "me",    "your",      "are",   "does",   "for",    "a",     "an",
              "please", "aapke", "paas",      "stock", "mein",   "keep",   "carry", "bhav",
              "batao",  "today", "now",       "abhi",  "aaj",    "rupaye", "rupay", "paise",
              "per",    "left"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

QString productQuery(const QString &text)
{
    QStringList kept;
    for (const QString &w : MessageNormalizer::words(text)) {
        if (!questionWords().contains(w))
            kept << w;
    }
    return kept.join(QLatin1Char(' '));
}

QString lineText(const ShopTools &tools, const QString &name, double quantity, qint64 priceMinor)
{
    const QString q = quantity == std::floor(quantity) ? QString::number(qint64(quantity))
                                                       : QString::number(quantity);
    return QStringLiteral("%1 × %2 (%3)")
        .arg(q, name, tools.money(qint64(std::llround(quantity * double(priceMinor)))));
}

QString productLabel(const Product &p)
{
    QStringList parts;
    if (!p.brand.isEmpty() && !p.name.contains(p.brand, Qt::CaseInsensitive))
        parts << p.brand;
    parts << p.name;
    if (!p.unit.isEmpty())
        parts << p.unit;
    return parts.join(QLatin1Char(' '));
}

// How many messages in a row the bot may fail to understand before a person takes over.
int misunderstandingsAllowed(const QMap<QString, QString> &settings)
{
    const int n = settings.value(QStringLiteral("escalation.misunderstandings")).toInt();
    return n > 0 ? std::min(n, 5) : 2;
}

QString systemPrompt(const QMap<QString, QString> &settings, bool hinglish)
{
    const QString persona = settings.value(QStringLiteral("persona.name"), QStringLiteral("Asha"));
    const QString tone = settings.value(QStringLiteral("persona.tone"), QStringLiteral("warm"));
    const QString store = settings.value(QStringLiteral("store.name"));
    return QStringLiteral(
               "You are %1, who answers the customers of %2 on WhatsApp. Your tone is %3.\n"
               "Use the tools to look up products, prices, stock, the customer's order and "
               "balance, the store's hours, address and delivery, and the store's documents. "
               "Say only what the tools returned: never guess a product, a price, a number or a "
               "policy. When the tools do not have the answer, or the customer asks for a "
               "person or is unhappy, call escalate_to_human.\n"
               "add_to_cart only fills the cart; the customer confirms the order themselves.\n"
               "Reply in one to three short sentences, plain text, no markdown. %4")
        .arg(persona, store, tone,
             hinglish ? QStringLiteral("The customer writes Hinglish: reply in Hinglish (Hindi "
                                       "in Latin letters), as they do.")
                      : QStringLiteral("Reply in English."));
}

} // namespace

// One turn's working set: the store, its models and tools, and the plan being drafted.
class AgentTurn::Context
{
public:
    Context(Store &store, const AgentModels::Models &models, ShopTools &tools, Plan &plan,
            const ReplyTemplates &templates)
        : store(store)
        , models(models)
        , tools(tools)
        , plan(plan)
        , templates(templates)
    {}

    QString say(const QString &key, QHash<QString, QString> values = {}) const
    {
        values.insert(
            QStringLiteral("persona"),
            tools.settings().value(QStringLiteral("persona.name"), QStringLiteral("Asha")));
        values.insert(QStringLiteral("store"),
                      tools.settings().value(QStringLiteral("store.name")));
        return templates.render(key, plan.state.hinglish, values);
    }
    void tool(const QString &name, const QJsonObject &args, const QJsonObject &result)
    {
        plan.tools.append(QJsonObject{{QStringLiteral("tool"), name},
                                      {QStringLiteral("arguments"), args},
                                      {QStringLiteral("result"), result}});
    }
    void escalate(const QString &reason)
    {
        plan.escalation = reason;
        plan.reply = plan.handover;
    }
    const Product &product(int index) const { return models.products->product(index); }

    // Adds an accepted product to the cart (or offers a substitute when it is out of stock);
    // returns the sentence for it when it could not be added.
    QString addToCart(int index, double quantity)
    {
        const Product &p = product(index);
        tool(QStringLiteral("check_stock"), {{QStringLiteral("product_id"), p.id}},
             tools.checkStock(index));
        if (p.outOfStock() || p.stock < quantity) {
            QString text =
                say(QStringLiteral("out_of_stock"), {{QStringLiteral("product"), productLabel(p)}});
            const QJsonObject subs = tools.suggestSubstitute(index);
            tool(QStringLiteral("suggest_substitute"), {{QStringLiteral("product_id"), p.id}},
                 subs);
            const QList<int> alternatives = models.products->substitutes(index, 1);
            if (!alternatives.isEmpty()) {
                const Product &s = product(alternatives.first());
                text +=
                    QLatin1Char(' ') + say(QStringLiteral("substitute"),
                                           {{QStringLiteral("substitute"), productLabel(s)},
                                            {QStringLiteral("price"), tools.money(s.priceMinor)}});
                plan.state.awaiting = ConversationState::Awaiting::Choice;
                plan.state.choices = {s.id};
                plan.state.choiceQuantity = quantity;
                plan.state.choiceText = productLabel(s);
            }
            return text;
        }
        for (ConversationState::CartLine &line : plan.state.cart) {
            if (line.productId == p.id) {
                line.quantity += quantity;
                return {};
            }
        }
        plan.state.cart.append({p.id, productLabel(p), quantity, p.priceMinor});
        return {};
    }

    QString cartLines() const
    {
        QStringList lines;
        for (const auto &l : plan.state.cart)
            lines << lineText(tools, l.name, l.quantity, l.unitPriceMinor);
        return lines.join(QStringLiteral(", "));
    }

    void askToConfirm(QStringList notes)
    {
        if (plan.state.cart.isEmpty()) {
            plan.reply = notes.join(QLatin1Char(' '));
            return;
        }
        if (plan.state.awaiting == ConversationState::Awaiting::Nothing)
            plan.state.awaiting = ConversationState::Awaiting::Confirmation;
        if (plan.state.awaiting == ConversationState::Awaiting::Confirmation)
            notes << say(QStringLiteral("cart"),
                         {{QStringLiteral("lines"), cartLines()},
                          {QStringLiteral("total"), tools.money(plan.state.cartTotalMinor())}});
        plan.reply = notes.join(QLatin1Char(' '));
    }

    // The items of an order message: accepted ones into the cart, the first unclear one asked.
    void takeItems(const QList<ProductMatcher::Match> &matches)
    {
        QStringList notes;
        bool asked = false;
        for (const ProductMatcher::Match &m : matches) {
            if (m.candidates.isEmpty()) {
                notes << say(QStringLiteral("not_found"), {{QStringLiteral("item"), m.item.text}});
                continue;
            }
            if (m.accepted()) {
                const QString note = addToCart(m.best(), models.products->packs(m));
                if (!note.isEmpty()) {
                    notes << note;
                    asked = asked || plan.state.awaiting == ConversationState::Awaiting::Choice;
                }
                continue;
            }
            if (asked)
                continue; // one question at a time; the rest waits
            QStringList options;
            plan.state.choices.clear();
            for (int i = 0; i < m.candidates.size() && i < 4; ++i) {
                const Product &p = product(m.candidates.at(i).index);
                options << QStringLiteral("%1) %2 %3")
                               .arg(i + 1)
                               .arg(productLabel(p), tools.money(p.priceMinor));
                plan.state.choices << p.id;
            }
            plan.state.awaiting = ConversationState::Awaiting::Choice;
            plan.state.choiceQuantity = models.products->packs(m);
            plan.state.choiceText = m.item.text;
            notes << say(QStringLiteral("choose"),
                         {{QStringLiteral("item"), m.item.text},
                          {QStringLiteral("options"), options.join(QStringLiteral(", "))}});
            asked = true;
        }
        askToConfirm(notes);
    }

    Store &store;
    const AgentModels::Models &models;
    ShopTools &tools;
    Plan &plan;
    const ReplyTemplates &templates;
};

Result<AgentTurn::Plan> AgentTurn::decide(Store &store, AgentModels &models, const Input &input)
{
    using R = Result<Plan>;
    QElapsedTimer total;
    total.start();
    QElapsedTimer step;
    step.start();
    Plan plan;
    plan.input = input;
    plan.startedNs = 0;
    const auto mark = [&](const char *name) {
        plan.steps.append(QJsonObject{{QStringLiteral("step"), QString::fromLatin1(name)},
                                      {QStringLiteral("ms"), msSince(step)}});
        step.restart();
    };

    // Conversation 0 is a preview (the console's "try a message"): a new chat the bot owns.
    auto conversation =
        input.conversationId == 0
            ? Result<Conversation>(Conversation{})
            : store.conversations().conversation(input.tenantId, input.conversationId);
    if (!conversation)
        return R::failure(conversation.error());
    plan.contactId = conversation->contactId;
    auto settings = store.tenants().settings(input.tenantId);
    if (!settings)
        return R::failure(settings.error());
    auto tenant = store.tenants().tenants();
    if (tenant) {
        for (const Tenant &t : tenant.value()) {
            if (t.id == input.tenantId)
                settings->insert(QStringLiteral("store.name"), t.name);
        }
    }
    plan.settings = settings.value();
    const ReplyTemplates templates(settings.value());
    auto kept = input.conversationId == 0
                    ? Result<QByteArray>(QByteArray())
                    : store.agent().conversationState(input.tenantId, input.conversationId);
    if (!kept)
        return R::failure(kept.error());
    plan.state = ConversationState::fromJson(kept.value());
    const QString text = input.message.body.trimmed();
    plan.state.hinglish = MessageNormalizer::looksHinglish(text);
    plan.before = plan.state;
    plan.handover = settings->value(QStringLiteral("escalation.handover_message")).trimmed();
    if (plan.handover.isEmpty())
        plan.handover = templates.render(QStringLiteral("handover"), plan.state.hinglish, {});
    mark("load");

    if (conversation->owner != OwnerKind::Bot) {
        plan.silentReason = QStringLiteral("a person owns this chat");
    } else if (conversation->needsHuman) {
        plan.silentReason = QStringLiteral("the chat is waiting for a person");
    } else if (text.isEmpty() || input.message.type != QLatin1String("text")) {
        plan.silentReason = QStringLiteral("not a text message");
    }
    if (!plan.silentReason.isEmpty()) {
        plan.trace.insert(QStringLiteral("normalized"), QString());
        return plan;
    }

    auto loaded = models.forStore(store, input.tenantId);
    if (!loaded)
        return R::failure(loaded.error());
    const AgentModels::Models m = loaded.value();
    mark(loaded->retrained ? "models (retrained)" : "models");

    const QString normalized = MessageNormalizer::normalize(text);
    plan.trace.insert(QStringLiteral("normalized"), normalized);
    plan.trace.insert(QStringLiteral("hinglish"), plan.state.hinglish);
    mark("normalize");

    const IntentClassifier::Prediction intent = m.intents->classify(text);
    QJsonArray ranking;
    for (const auto &[label, p] : intent.ranking)
        ranking.append(
            QJsonObject{{QStringLiteral("intent"), label}, {QStringLiteral("probability"), p}});
    plan.trace.insert(QStringLiteral("intent"),
                      QJsonObject{{QStringLiteral("label"), intent.label},
                                  {QStringLiteral("probability"), intent.probability},
                                  {QStringLiteral("out_of_scope"), intent.outOfScope},
                                  {QStringLiteral("ranking"), ranking}});
    plan.confidence = intent.probability;
    mark("classify");

    ShopTools tools(store, input.tenantId, *m.products, settings.value());
    Context cx(store, m, tools, plan, templates);
    const QString label = intent.label;
    const auto &S = plan.state;
    using A = ConversationState::Awaiting;

    // Entities: the items and products the message names.
    QList<ProductMatcher::Match> items;
    const bool ordering = label == ShopIntents::PlaceOrder || label == ShopIntents::ChangeOrder;
    if (ordering)
        items = m.products->matchOrder(text);
    QJsonArray entities;
    for (const auto &it : std::as_const(items)) {
        QJsonObject e{{QStringLiteral("text"), it.item.text},
                      {QStringLiteral("quantity"), it.item.quantity},
                      {QStringLiteral("unit"), it.item.unit},
                      {QStringLiteral("confidence"), it.confidence}};
        if (it.best() >= 0)
            e.insert(QStringLiteral("product"), productLabel(m.products->product(it.best())));
        entities.append(e);
    }
    plan.trace.insert(QStringLiteral("entities"), entities);
    mark("entities");

    // A reply to the bot's own question comes first.
    bool handled = false;
    if (S.awaiting == A::Choice) {
        bool ok = false;
        const int number = normalized.toInt(&ok);
        int chosen = -1;
        if (ok && number >= 1 && number <= S.choices.size()) {
            chosen = m.products->indexOfId(S.choices.at(number - 1));
        } else if (label == ShopIntents::Affirm && S.choices.size() == 1) {
            chosen = m.products->indexOfId(S.choices.first());
        } else if (!ok && label != ShopIntents::Deny) {
            for (const auto &c : m.products->search(text)) {
                if (S.choices.contains(m.products->product(c.index).id)) {
                    chosen = c.index;
                    break;
                }
            }
        }
        if (chosen >= 0) {
            const double quantity = S.choiceQuantity;
            plan.state.awaiting = A::Nothing;
            plan.state.choices.clear();
            const QString note = cx.addToCart(chosen, quantity);
            cx.askToConfirm(note.isEmpty() ? QStringList() : QStringList{note});
            handled = true;
        } else if (label == ShopIntents::Deny) {
            plan.state.awaiting = plan.state.cart.isEmpty() ? A::Nothing : A::Confirmation;
            plan.state.choices.clear();
            cx.askToConfirm({});
            if (plan.reply.isEmpty())
                plan.reply = cx.say(QStringLiteral("order_kept"));
            handled = true;
        }
    } else if (S.awaiting == A::Confirmation &&
               (label == ShopIntents::Affirm || label == ShopIntents::Deny)) {
        if (label == ShopIntents::Affirm) {
            plan.orderAction = OrderAction::Create;
            plan.order.contactId = plan.contactId;
            plan.order.conversationId = input.conversationId;
            for (const auto &l : S.cart)
                plan.order.lines.append(
                    {0, l.productId, l.name, l.quantity, QString(), l.unitPriceMinor, 0});
            const qint64 totalMinor = S.cartTotalMinor();
            const double limit =
                settings->value(QStringLiteral("escalation.order_above")).toDouble();
            if (limit > 0 && double(totalMinor) > limit * 100) {
                cx.escalate(
                    QStringLiteral(
                        "An order of %1 is above the store's limit of %2: a person confirms it.")
                        .arg(tools.money(totalMinor), tools.money(qRound64(limit * 100))));
            } else {
                plan.order.status = QStringLiteral("confirmed");
                const QJsonObject delivery = tools.businessInfo(QStringLiteral("delivery"));
                const QString time = delivery.value(QStringLiteral("time")).toString();
                plan.reply = cx.say(
                    QStringLiteral("order_placed"),
                    {{QStringLiteral("lines"), cx.cartLines()},
                     {QStringLiteral("total"), tools.money(totalMinor)},
                     {QStringLiteral("delivery"),
                      time.isEmpty() ? QString() : QStringLiteral("Delivery %1.").arg(time)}});
            }
            plan.state.cart.clear();
        } else {
            plan.state.cart.clear();
            plan.reply = cx.say(QStringLiteral("order_kept"));
        }
        plan.state.awaiting = A::Nothing;
        handled = true;
    }

    if (!handled) {
        if (label != ShopIntents::Affirm && label != ShopIntents::Deny && !ordering)
            plan.state.awaiting = plan.state.cart.isEmpty() ? A::Nothing : plan.state.awaiting;
        if (label == ShopIntents::Greeting) {
            plan.reply = cx.say(QStringLiteral("greeting"));
        } else if (label == ShopIntents::Thanks) {
            plan.reply = cx.say(QStringLiteral("thanks"));
        } else if (label == ShopIntents::Human) {
            cx.escalate(QStringLiteral("The customer asked for a person."));
        } else if (label == ShopIntents::Complaint) {
            cx.escalate(QStringLiteral("The customer is complaining: \"%1\"").arg(text.left(120)));
        } else if (label == ShopIntents::StoreHours || label == ShopIntents::StoreLocation ||
                   label == ShopIntents::Delivery) {
            const QString topic = label == ShopIntents::StoreHours ? QStringLiteral("hours")
                                  : label == ShopIntents::StoreLocation
                                      ? QStringLiteral("location")
                                      : QStringLiteral("delivery");
            const QJsonObject info = tools.businessInfo(topic);
            cx.tool(QStringLiteral("business_info"), {{QStringLiteral("topic"), topic}}, info);
            QHash<QString, QString> values;
            bool complete = true;
            for (auto it = info.begin(); it != info.end(); ++it) {
                values.insert(it.key(), it.value().toString());
                complete = complete && !it.value().toString().isEmpty();
            }
            if (complete)
                plan.reply =
                    cx.say(topic == QLatin1String("location") ? QStringLiteral("location") : topic,
                           values);
            else
                plan.knowledgeQuestion = text; // the settings say nothing: try the documents
        } else if (label == ShopIntents::PaymentBalance) {
            auto balance = tools.customerBalance(plan.contactId);
            if (!balance)
                return R::failure(balance.error());
            cx.tool(QStringLiteral("customer_balance"), {}, balance.value());
            const qint64 owed = balance->value(QStringLiteral("balance_minor")).toInteger();
            const auto promise = PaymentPromise::find(text, QDate::currentDate());
            if (owed > 0 && promise) {
                // Written in commit(), with everything else.
                plan.reminderInDays = promise->inDays;
                const QDate day = QDate::currentDate().addDays(promise->inDays);
                plan.reply = cx.say(
                    QStringLiteral("reminder_scheduled"),
                    {{QStringLiteral("balance"), tools.money(owed)},
                     {QStringLiteral("date"),
                      QLocale(QLocale::English).toString(day, QStringLiteral("dddd, d MMMM"))}});
            } else {
                plan.reply = owed > 0 ? cx.say(QStringLiteral("balance"),
                                               {{QStringLiteral("balance"), tools.money(owed)}})
                                      : cx.say(QStringLiteral("no_balance"));
            }
        } else if (label == ShopIntents::ProductAvailability || label == ShopIntents::Price) {
            const QString query = productQuery(text);
            const QString searched = query.isEmpty() ? text : query;
            const auto candidates = m.products->search(searched);
            cx.tool(QStringLiteral("search_inventory"), {{QStringLiteral("query"), searched}},
                    tools.searchResult(searched, candidates));
            if (candidates.isEmpty()) {
                plan.reply = cx.say(QStringLiteral("not_found"), {{QStringLiteral("item"), query}});
            } else {
                QStringList lines;
                const double top = candidates.first().score;
                for (const auto &c : candidates) {
                    if (c.score < top - 0.1 || lines.size() >= 4)
                        break;
                    const Product &p = m.products->product(c.index);
                    const QHash<QString, QString> v{
                        {QStringLiteral("product"), productLabel(p)},
                        {QStringLiteral("price"), tools.money(p.priceMinor)}};
                    if (p.outOfStock()) {
                        QString line = cx.say(QStringLiteral("out_of_stock"), v);
                        const QList<int> subs = m.products->substitutes(c.index, 1);
                        if (!subs.isEmpty() && lines.isEmpty()) {
                            const Product &s = m.products->product(subs.first());
                            cx.tool(QStringLiteral("suggest_substitute"),
                                    {{QStringLiteral("product_id"), p.id}},
                                    tools.suggestSubstitute(c.index));
                            line += QLatin1Char(' ') +
                                    cx.say(QStringLiteral("substitute"),
                                           {{QStringLiteral("substitute"), productLabel(s)},
                                            {QStringLiteral("price"), tools.money(s.priceMinor)}});
                            plan.state.awaiting = A::Choice;
                            plan.state.choices = {s.id};
                            plan.state.choiceQuantity = 1;
                            plan.state.choiceText = productLabel(s);
                        }
                        lines << line;
                    } else {
                        lines << cx.say(label == ShopIntents::Price ? QStringLiteral("price")
                                                                    : QStringLiteral("available"),
                                        v);
                    }
                }
                plan.reply = lines.join(QLatin1Char(' '));
                plan.confidence = std::min(plan.confidence, top);
            }
        } else if (label == ShopIntents::PlaceOrder) {
            cx.takeItems(items);
        } else if (label == ShopIntents::ChangeOrder || label == ShopIntents::CancelOrder ||
                   label == ShopIntents::OrderStatus) {
            auto latest = store.catalog().latestOrder(input.tenantId, plan.contactId);
            if (!latest)
                return R::failure(latest.error());
            auto status = tools.orderStatus(plan.contactId);
            cx.tool(QStringLiteral("order_status"), {}, status ? status.value() : QJsonObject());
            const bool open =
                latest->has_value() && (latest->value().status == QLatin1String("open") ||
                                        latest->value().status == QLatin1String("confirmed"));
            if (label == ShopIntents::OrderStatus) {
                plan.reply =
                    latest->has_value()
                        ? cx.say(
                              QStringLiteral("order_status"),
                              {{QStringLiteral("order"), QString::number(latest->value().id)},
                               {QStringLiteral("total"), tools.money(latest->value().totalMinor)},
                               {QStringLiteral("status"), latest->value().status}})
                        : cx.say(QStringLiteral("no_orders"));
            } else if (!open) {
                plan.reply = cx.say(QStringLiteral("no_open_order"));
            } else if (label == ShopIntents::CancelOrder) {
                plan.order = latest->value();
                plan.order.status = QStringLiteral("cancelled");
                plan.orderAction = OrderAction::Update;
                plan.reply = cx.say(QStringLiteral("order_cancelled"),
                                    {{QStringLiteral("order"), QString::number(plan.order.id)}});
            } else {
                // Items named with a quantity replace that product's line; "remove X" drops it.
                plan.order = latest->value();
                const bool removing = normalized.contains(QLatin1String("remove")) ||
                                      normalized.contains(QLatin1String("hata")) ||
                                      normalized.contains(QLatin1String("nahi chahiye"));
                QStringList notes;
                for (const auto &it : std::as_const(items)) {
                    if (!it.accepted()) {
                        notes << cx.say(QStringLiteral("not_found"),
                                        {{QStringLiteral("item"), it.item.text}});
                        continue;
                    }
                    const Product &p = m.products->product(it.best());
                    bool found = false;
                    for (qsizetype i = 0; i < plan.order.lines.size(); ++i) {
                        if (plan.order.lines[i].productId != p.id)
                            continue;
                        found = true;
                        if (removing)
                            plan.order.lines.removeAt(i);
                        else
                            plan.order.lines[i].quantity = m.products->packs(it);
                        break;
                    }
                    if (!found && !removing)
                        plan.order.lines.append({0, p.id, productLabel(p), m.products->packs(it),
                                                 QString(), p.priceMinor, 0});
                }
                if (plan.order.lines.isEmpty()) {
                    plan.order.status = QStringLiteral("cancelled");
                    plan.reply =
                        cx.say(QStringLiteral("order_cancelled"),
                               {{QStringLiteral("order"), QString::number(plan.order.id)}});
                } else {
                    qint64 totalMinor = 0;
                    QStringList lines;
                    for (const OrderLine &l : std::as_const(plan.order.lines)) {
                        totalMinor += qint64(std::llround(l.quantity * double(l.unitPriceMinor)));
                        lines << lineText(tools, l.productName, l.quantity, l.unitPriceMinor);
                    }
                    notes << cx.say(QStringLiteral("order_changed"),
                                    {{QStringLiteral("order"), QString::number(plan.order.id)},
                                     {QStringLiteral("lines"), lines.join(QStringLiteral(", "))},
                                     {QStringLiteral("total"), tools.money(totalMinor)}});
                    plan.reply = notes.join(QLatin1Char(' '));
                }
                plan.orderAction = OrderAction::Update;
            }
        } else if (label == ShopIntents::Affirm || label == ShopIntents::Deny) {
            plan.reply = cx.say(QStringLiteral("thanks"));
        } else {
            // store_policy, out of scope, or not sure: the store's own documents may know.
            plan.knowledgeQuestion = text;
            // The classifier's own verdict, for when the documents do not know either.
            if (intent.outOfScope && intent.ranking.first().first == ShopIntents::OutOfScope)
                plan.outOfScopeReply = cx.say(QStringLiteral("out_of_scope"));
        }
    }
    if (plan.knowledgeQuestion.isEmpty() && plan.escalation.isEmpty())
        plan.state.misunderstandings = 0;
    mark("tools");

    // The language model may write the reply unless the deterministic path is answering its own
    // question, changing an order, or handing over on a rule (a request for a person, a
    // complaint, a large order).
    plan.model = ModelEndpoint::fromJson(settings->value(KnowledgeSettings::kChatKey));
    const bool modelOn = plan.model.configured() &&
                         settings->value(QStringLiteral("agent.model")) != QLatin1String("off");
    const bool cartUnderstood = ordering && plan.state.awaiting == A::Confirmation;
    plan.modelMayAnswer = modelOn && !handled && plan.before.awaiting == A::Nothing &&
                          plan.orderAction == OrderAction::None && plan.escalation.isEmpty() &&
                          !cartUnderstood;
    plan.smallTalk = label == ShopIntents::Greeting || label == ShopIntents::Thanks ||
                     label == ShopIntents::Affirm || label == ShopIntents::Deny;
    if (plan.modelMayAnswer) {
        auto contact = store.conversations().contact(input.tenantId, plan.contactId);
        if (contact && !contact->name.trimmed().isEmpty())
            plan.names << contact->name;
        auto history =
            store.conversations().latestMessages(input.tenantId, input.conversationId, 8);
        if (!history)
            return R::failure(history.error());
        plan.modelMessages.append(QJsonObject{
            {QStringLiteral("role"), QStringLiteral("system")},
            {QStringLiteral("content"), systemPrompt(plan.settings, plan.state.hinglish)}});
        bool current = false;
        for (const Message &h : history.value()) {
            if (h.body.trimmed().isEmpty())
                continue;
            current = current || h.id == input.message.id;
            plan.modelMessages.append(QJsonObject{
                {QStringLiteral("role"), h.author == Author::Customer
                                             ? QStringLiteral("user")
                                             : QStringLiteral("assistant")},
                {QStringLiteral("content"), PersonalDataMask::mask(h.body, plan.names)}});
        }
        if (!current)
            plan.modelMessages.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                            {QStringLiteral("content"), PersonalDataMask::mask(text, plan.names)}});
        mark("model prompt");
    }
    plan.trace.insert(QStringLiteral("decide_ms"), msSince(total));
    return plan;
}

QJsonObject AgentTurn::runModelTool(Store &store, AgentModels &models, const Plan &plan,
                                    ConversationState &state, const QString &name,
                                    const QJsonObject &arguments)
{
    const auto error = [](const QString &e) {
        return QJsonObject{{QStringLiteral("error"), e}};
    };
    auto loaded = models.forStore(store, plan.input.tenantId);
    if (!loaded)
        return error(loaded.error());
    const ProductMatcher &products = *loaded->products;
    ShopTools tools(store, plan.input.tenantId, products, plan.settings);
    if (name != QLatin1String("add_to_cart")) {
        auto result = tools.call(name, arguments, plan.contactId, plan.input.conversationId);
        return result ? result.value() : error(result.error());
    }
    const qint64 id = arguments.value(QStringLiteral("product_id")).toInteger();
    const double quantity = arguments.value(QStringLiteral("quantity")).toDouble();
    const int index = products.indexOfId(id);
    if (index < 0)
        return error(QStringLiteral("this store has no product with product_id %1").arg(id));
    const Product &p = products.product(index);
    if (p.outOfStock() || p.stock < quantity)
        return {{QStringLiteral("added"), false},
                {QStringLiteral("reason"), QStringLiteral("not enough in stock")},
                {QStringLiteral("product"), tools.productJson(index)}};
    bool merged = false;
    for (ConversationState::CartLine &line : state.cart) {
        if (line.productId == p.id) {
            line.quantity += quantity;
            merged = true;
        }
    }
    if (!merged)
        state.cart.append({p.id, productLabel(p), quantity, p.priceMinor});
    state.awaiting = ConversationState::Awaiting::Confirmation;
    QJsonArray cart;
    for (const auto &l : std::as_const(state.cart))
        cart.append(lineText(tools, l.name, l.quantity, l.unitPriceMinor));
    return {{QStringLiteral("added"), true},
            {QStringLiteral("product"), tools.productJson(index)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("cart"), cart},
            {QStringLiteral("total"), tools.money(state.cartTotalMinor())},
            {QStringLiteral("next"), QStringLiteral("ask the customer to confirm the order")}};
}

void AgentTurn::useModelReply(Store &store, AgentModels &models, Plan &plan,
                              const ModelReply &reply)
{
    const ModelToolLoop::Outcome &loop = reply.loop;
    QJsonObject t{{QStringLiteral("model"), plan.model.model},
                  {QStringLiteral("server"), plan.model.url(QString()).host()},
                  {QStringLiteral("rounds"), loop.rounds},
                  {QStringLiteral("calls"), loop.calls},
                  {QStringLiteral("rejected_calls"), loop.rejectedCalls},
                  {QStringLiteral("slowest_ms"), double(loop.slowestMs)},
                  {QStringLiteral("used"), false}};
    const auto done = [&](const QString &fallback) {
        if (!fallback.isEmpty())
            t.insert(QStringLiteral("fallback"), fallback);
        plan.trace.insert(QStringLiteral("model"), t);
        plan.steps.append(QJsonObject{{QStringLiteral("step"), QStringLiteral("model")},
                                      {QStringLiteral("ms"), reply.ms}});
    };
    if (!reply.skipped.isEmpty())
        return done(reply.skipped);
    if (!loop.ok)
        return done(loop.failure);
    t.insert(QStringLiteral("draft"), loop.text);
    if (!reply.escalation.isEmpty()) {
        plan.state = reply.state;
        plan.escalation =
            QStringLiteral("The language model handed over: %1").arg(reply.escalation);
        plan.reply = plan.handover;
    } else {
        auto loaded = models.forStore(store, plan.input.tenantId);
        if (!loaded)
            return done(loaded.error());
        const ReplyGrounding::Verdict verdict = ReplyGrounding::check(
            loop.text, loop.evidence, plan.input.message.body, *loaded->products, plan.smallTalk);
        t.insert(QStringLiteral("grounded"), verdict.grounded);
        if (!verdict.grounded)
            return done(QStringLiteral("not grounded: %1").arg(verdict.problem));
        plan.state = reply.state;
        plan.state.misunderstandings = 0;
        plan.reply = loop.text;
    }
    plan.knowledgeQuestion.clear();
    plan.outOfScopeReply.clear();
    t.insert(QStringLiteral("used"), true);
    done({});
}

Result<AgentTurn::Outcome> AgentTurn::commit(Store &store, Plan plan,
                                             const std::optional<KnowledgeAnswer> &knowledge)
{
    using R = Result<Outcome>;
    QElapsedTimer step;
    step.start();
    if (!plan.knowledgeQuestion.isEmpty() && plan.silentReason.isEmpty()) {
        if (knowledge)
            plan.trace.insert(QStringLiteral("knowledge"), knowledge->trace);
        if (knowledge && knowledge->answered) {
            plan.reply = knowledge->text;
            plan.confidence = knowledge->confidence;
            plan.state.misunderstandings = 0;
        } else if (++plan.state.misunderstandings >= misunderstandingsAllowed(plan.settings)) {
            plan.escalation =
                plan.state.misunderstandings == 1
                    ? QStringLiteral("The bot did not understand the customer.")
                : plan.state.misunderstandings == 2
                    ? QStringLiteral("The bot did not understand the customer twice in a row.")
                    : QStringLiteral("The bot did not understand the customer %1 times in a row.")
                          .arg(plan.state.misunderstandings);
            plan.reply = plan.handover;
        } else if (!plan.outOfScopeReply.isEmpty()) {
            plan.reply = plan.outOfScopeReply;
        } else {
            plan.escalation =
                QStringLiteral("Not sure of the answer: %1")
                    .arg(knowledge ? knowledge->reason
                                   : QStringLiteral("the knowledge service did not answer"));
            plan.reply = plan.handover;
        }
    }

    auto outcome = sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            Outcome out;
            // The owner is read under the chat's lock, the one a takeover takes: a takeover
            // that committed first makes the bot silent here, and one that comes later waits
            // for this commit.
            auto conversation = store.conversations().lockConversation(plan.input.tenantId,
                                                                       plan.input.conversationId);
            if (!conversation)
                throw SqlError(conversation.error());
            if (plan.silentReason.isEmpty() && conversation->owner != OwnerKind::Bot)
                plan.silentReason =
                    QStringLiteral("a person took the chat over while the bot was answering");
            if (plan.silentReason.isEmpty()) {
                if (plan.orderAction == OrderAction::Create) {
                    auto order = store.catalog().addOrder(plan.input.tenantId, plan.order);
                    if (!order)
                        throw SqlError(order.error());
                    out.orderId = order->id;
                    plan.reply.replace(QStringLiteral("#{order}"),
                                       QStringLiteral("#%1").arg(order->id));
                    plan.reply.replace(QStringLiteral("{order}"), QString::number(order->id));
                } else if (plan.orderAction == OrderAction::Update) {
                    auto order = store.catalog().updateOrder(plan.input.tenantId, plan.order);
                    if (!order)
                        throw SqlError(order.error());
                    out.orderId = order->id;
                }
                if (plan.reminderInDays >= 0) {
                    auto reminder = ShopTools::addPaymentReminder(
                        store, plan.input.tenantId, plan.settings, plan.contactId,
                        plan.input.conversationId, plan.reminderInDays);
                    if (!reminder)
                        throw SqlError(reminder.error());
                    plan.tools.append(
                        QJsonObject{{QStringLiteral("tool"), QStringLiteral("schedule_reminder")},
                                    {QStringLiteral("arguments"),
                                     QJsonObject{{QStringLiteral("in_days"), plan.reminderInDays}}},
                                    {QStringLiteral("result"), reminder.value()}});
                }
                if (!plan.reply.isEmpty()) {
                    OutboundDraft draft;
                    draft.tenantId = plan.input.tenantId;
                    draft.conversationId = plan.input.conversationId;
                    draft.author = Author::Bot;
                    draft.text = plan.reply;
                    auto sent = MessagingService::enqueue(store, draft);
                    if (!sent)
                        throw SqlError(sent.error());
                }
                if (!plan.escalation.isEmpty()) {
                    auto marked = store.conversations().setNeedsHuman(
                        plan.input.tenantId, plan.input.conversationId, true, plan.escalation);
                    if (!marked)
                        throw SqlError(marked.error());
                }
                auto saved = store.agent().setConversationState(
                    plan.input.tenantId, plan.input.conversationId, plan.state.toJson());
                if (!saved)
                    throw SqlError(saved.error());
            }
            out.decision = !plan.silentReason.isEmpty() ? QStringLiteral("silent")
                           : !plan.escalation.isEmpty() ? QStringLiteral("escalate")
                                                        : QStringLiteral("reply");
            out.reply = plan.silentReason.isEmpty() ? plan.reply : QString();
            out.reason = !plan.silentReason.isEmpty() ? plan.silentReason : plan.escalation;
            plan.steps.append(QJsonObject{{QStringLiteral("step"), QStringLiteral("commit")},
                                          {QStringLiteral("ms"), msSince(step)}});
            QJsonObject trace = plan.trace;
            trace.insert(QStringLiteral("message"), plan.input.message.body);
            trace.insert(QStringLiteral("steps"), plan.steps);
            trace.insert(QStringLiteral("tools"), plan.tools);
            trace.insert(QStringLiteral("confidence"), plan.confidence);
            trace.insert(QStringLiteral("decision"), out.decision);
            trace.insert(QStringLiteral("reason"), out.reason);
            trace.insert(QStringLiteral("reply"), out.reply);
            if (out.orderId > 0)
                trace.insert(QStringLiteral("order"), out.orderId);
            ExecutionTrace t;
            t.tenantId = plan.input.tenantId;
            t.conversationId = plan.input.conversationId;
            t.messageId = plan.input.message.id;
            t.json = QJsonDocument(trace).toJson(QJsonDocument::Compact);
            auto added = store.agent().addTrace(t);
            if (!added)
                throw SqlError(added.error());
            out.traceId = added->id;
            out.trace = trace;
            return out;
        });
    });
    return outcome;
}

} // namespace shopdesk
