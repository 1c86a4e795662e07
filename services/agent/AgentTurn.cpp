#include "agent/AgentTurn.h"

#include "agent/BillRequest.h"
#include "agent/Greetings.h"
#include "agent/InteractiveReply.h"
#include "agent/MediaGate.h"
#include "bills/BillService.h"
#include "owner/OwnerLine.h"
#include "privacy/OptOutWords.h"

#include "domain/EscalationReason.h"

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
    void escalate(QLatin1StringView code, const QString &reason)
    {
        plan.escalation = reason;
        plan.escalationCode = code;
        plan.reply = plan.handover;
    }
    const Product &product(int index) const { return models.products->product(index); }

    // Offers the substitute (the bot then waits for a yes or a number); the sentence for it.
    QString offer(const Product &substitute, double quantity)
    {
        plan.state.awaiting = ConversationState::Awaiting::Choice;
        plan.state.choices = {substitute.id};
        plan.state.choiceQuantity = quantity;
        plan.state.choiceText = productLabel(substitute);
        return say(QStringLiteral("substitute"),
                   {{QStringLiteral("substitute"), productLabel(substitute)},
                    {QStringLiteral("price"), tools.money(substitute.priceMinor)}});
    }

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
            if (!alternatives.isEmpty())
                text += QLatin1Char(' ') + offer(product(alternatives.first()), quantity);
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
        if (plan.state.awaiting == ConversationState::Awaiting::Confirmation) {
            notes << say(QStringLiteral("cart"),
                         {{QStringLiteral("lines"), cartLines()},
                          {QStringLiteral("total"), tools.money(plan.state.cartTotalMinor())}});
            const bool hi = plan.state.hinglish;
            plan.interactive = InteractiveReply::buttons(
                {{QStringLiteral("confirm:yes"),
                  hi ? QStringLiteral("Haan, order karo") : QStringLiteral("Yes, place it")},
                 {QStringLiteral("confirm:no"),
                  hi ? QStringLiteral("Nahi") : QStringLiteral("No")}});
        }
        plan.reply = notes.join(QLatin1Char(' '));
    }

    // The items of an order message: accepted ones into the cart, the first unclear one asked.
    void takeItems(const QList<ProductMatcher::Match> &matches)
    {
        QStringList notes;
        QStringList later;
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
            if (asked) { // one question at a time: the others are named, to come back to
                later << m.item.text;
                continue;
            }
            QStringList options;
            QList<InteractiveReply::Row> rows;
            plan.state.choices.clear();
            for (int i = 0; i < m.candidates.size() && i < 4; ++i) {
                const Product &p = product(m.candidates.at(i).index);
                options << QStringLiteral("%1) %2 %3")
                               .arg(i + 1)
                               .arg(productLabel(p), tools.money(p.priceMinor));
                rows.append(
                    {QStringLiteral("choice:%1").arg(i + 1),
                     QStringLiteral("%1. %2").arg(i + 1).arg(productLabel(p)),
                     QStringLiteral("%1 · %2").arg(productLabel(p), tools.money(p.priceMinor))});
                plan.state.choices << p.id;
            }
            plan.interactive = InteractiveReply::list(
                plan.state.hinglish ? QStringLiteral("Chuniye") : QStringLiteral("Choose"), rows);
            plan.state.awaiting = ConversationState::Awaiting::Choice;
            plan.state.choiceQuantity = models.products->packs(m);
            plan.state.choiceText = m.item.text;
            notes << say(QStringLiteral("choose"),
                         {{QStringLiteral("item"), m.item.text},
                          {QStringLiteral("options"), options.join(QStringLiteral(", "))}});
            asked = true;
        }
        if (!later.isEmpty())
            notes << say(QStringLiteral("also_unclear"),
                         {{QStringLiteral("items"), later.join(QStringLiteral(", "))}});
        askToConfirm(notes);
    }

    // A photo of a shopping list: what was read goes into the cart like a typed order, the
    // reply says how many items it read, and what it could not find is asked about. A photo
    // with no list on it goes to a person.
    void takePhotoList()
    {
        const QList<ProductMatcher::Match> &items = plan.understood.items;
        if (items.isEmpty()) {
            escalate(EscalationReason::Media,
                     QStringLiteral("photo: please look (no shopping list could be read on it: "
                                    "\"%1\")")
                         .arg(plan.input.message.body.simplified().left(120)));
            plan.reply = say(QStringLiteral("media_handover"),
                             {{QStringLiteral("what"), QStringLiteral("photo")}});
            return;
        }
        takeItems(items);
        QString read = say(QStringLiteral("photo_list"),
                           {{QStringLiteral("count"), QString::number(items.size())}});
        // A question about one item hides the cart: say what is in it already.
        if (plan.state.awaiting != ConversationState::Awaiting::Confirmation &&
            !plan.state.cart.isEmpty())
            read += QLatin1Char(' ') +
                    say(QStringLiteral("cart_so_far"), {{QStringLiteral("lines"), cartLines()}});
        plan.reply = read + QLatin1Char(' ') + plan.reply;
    }

    // A reply to the bot's own question (which product, or confirm the cart); false when the
    // message is not one.
    bool answerOwnQuestion(const QString &label)
    {
        using A = ConversationState::Awaiting;
        const ConversationState &S = plan.state;
        const Understanding &u = plan.understood;
        if (S.awaiting == A::Choice) {
            bool ok = false;
            const int number = u.normalized.toInt(&ok);
            int chosen = -1;
            if (ok && number >= 1 && number <= S.choices.size()) {
                chosen = models.products->indexOfId(S.choices.at(number - 1));
            } else if (label == ShopIntents::Affirm && S.choices.size() == 1) {
                chosen = models.products->indexOfId(S.choices.first());
            } else if (!ok && label != ShopIntents::Deny) {
                for (const auto &c : u.choiceSearch) {
                    if (S.choices.contains(models.products->product(c.index).id)) {
                        chosen = c.index;
                        break;
                    }
                }
            }
            if (chosen >= 0) {
                const double quantity = S.choiceQuantity;
                plan.state.awaiting = A::Nothing;
                plan.state.choices.clear();
                const QString note = addToCart(chosen, quantity);
                askToConfirm(note.isEmpty() ? QStringList() : QStringList{note});
                return true;
            }
            if (label == ShopIntents::Deny) {
                plan.state.awaiting = plan.state.cart.isEmpty() ? A::Nothing : A::Confirmation;
                plan.state.choices.clear();
                askToConfirm({});
                if (plan.reply.isEmpty())
                    plan.reply = say(QStringLiteral("order_kept"));
                return true;
            }
            return false;
        }
        if (S.awaiting != A::Confirmation ||
            (label != ShopIntents::Affirm && label != ShopIntents::Deny))
            return false;
        if (label == ShopIntents::Affirm)
            placeOrder();
        else
            plan.reply = say(QStringLiteral("order_kept"));
        plan.state.cart.clear();
        plan.state.awaiting = A::Nothing;
        return true;
    }

    // The customer confirmed the cart: the order, or a person when it is above the limit.
    void placeOrder()
    {
        const ConversationState &S = plan.state;
        plan.orderAction = OrderAction::Create;
        plan.order.contactId = plan.contactId;
        plan.order.conversationId = plan.input.conversationId;
        for (const auto &l : S.cart)
            plan.order.lines.append(
                {0, l.productId, l.name, l.quantity, QString(), l.unitPriceMinor, 0});
        const qint64 totalMinor = S.cartTotalMinor();
        const double limit =
            plan.settings.value(QStringLiteral("escalation.order_above")).toDouble();
        if (limit > 0 && double(totalMinor) > limit * 100) {
            plan.order.takenBy = QStringLiteral("person");
            escalate(EscalationReason::OrderAboveLimit,
                     QStringLiteral(
                         "An order of %1 is above the store's limit of %2: a person confirms it.")
                         .arg(tools.money(totalMinor), tools.money(qRound64(limit * 100))));
            return;
        }
        plan.order.status = QStringLiteral("confirmed");
        const QJsonObject delivery = tools.businessInfo(QStringLiteral("delivery"));
        const QString time = delivery.value(QStringLiteral("time")).toString();
        plan.reply = say(QStringLiteral("order_placed"),
                         {{QStringLiteral("lines"), cartLines()},
                          {QStringLiteral("total"), tools.money(totalMinor)},
                          {QStringLiteral("delivery"),
                           time.isEmpty() ? QString() : QStringLiteral("Delivery %1.").arg(time)}});
    }

    // Hours, location or delivery from the store's settings; the documents when they say
    // nothing.
    void answerStoreInfo(const QString &label, const QString &text)
    {
        const QString topic = label == ShopIntents::StoreHours      ? QStringLiteral("hours")
                              : label == ShopIntents::StoreLocation ? QStringLiteral("location")
                                                                    : QStringLiteral("delivery");
        const QJsonObject info = tools.businessInfo(topic);
        tool(QStringLiteral("business_info"), {{QStringLiteral("topic"), topic}}, info);
        QHash<QString, QString> values;
        bool complete = true;
        for (auto it = info.begin(); it != info.end(); ++it) {
            values.insert(it.key(), it.value().toString());
            complete = complete && !it.value().toString().isEmpty();
        }
        if (complete)
            plan.reply = say(
                topic == QLatin1String("location") ? QStringLiteral("location") : topic, values);
        else
            plan.knowledgeQuestion = text;
    }

    Status answerBalance(const QString &text)
    {
        auto balance = tools.customerBalance(plan.contactId);
        if (!balance)
            return Status::failure(balance);
        tool(QStringLiteral("customer_balance"), {}, balance.value());
        const qint64 owed = balance->value(QStringLiteral("balance_minor")).toInteger();
        const auto promise = PaymentPromise::find(text, QDate::currentDate());
        if (owed > 0 && promise) {
            // Written in commit(), with everything else.
            plan.reminderInDays = promise->inDays;
            const QDate day = QDate::currentDate().addDays(promise->inDays);
            plan.reply =
                say(QStringLiteral("reminder_scheduled"),
                    {{QStringLiteral("balance"), tools.money(owed)},
                     {QStringLiteral("date"),
                      QLocale(QLocale::English).toString(day, QStringLiteral("dddd, d MMMM"))}});
        } else {
            plan.reply = owed > 0 ? say(QStringLiteral("balance"),
                                        {{QStringLiteral("balance"), tools.money(owed)}})
                                  : say(QStringLiteral("no_balance"));
        }
        return success();
    }

    // Is X available, what does X cost: the best few products, a substitute for one sold out.
    void answerProductQuestion(const QString &label)
    {
        const Understanding &u = plan.understood;
        const auto &candidates = u.productSearch;
        tool(QStringLiteral("search_inventory"), {{QStringLiteral("query"), u.productQuery}},
             tools.searchResult(u.productQuery, candidates));
        if (candidates.isEmpty()) {
            plan.reply =
                say(QStringLiteral("not_found"), {{QStringLiteral("item"), u.productQuery}});
            return;
        }
        QStringList lines;
        const double top = candidates.first().score;
        for (const auto &c : candidates) {
            if (c.score < top - 0.1 || lines.size() >= 4)
                break;
            const Product &p = product(c.index);
            const QHash<QString, QString> v{{QStringLiteral("product"), productLabel(p)},
                                            {QStringLiteral("price"), tools.money(p.priceMinor)}};
            if (!p.outOfStock()) {
                lines << say(label == ShopIntents::Price ? QStringLiteral("price")
                                                         : QStringLiteral("available"),
                             v);
                continue;
            }
            QString line = say(QStringLiteral("out_of_stock"), v);
            const QList<int> subs = models.products->substitutes(c.index, 1);
            if (!subs.isEmpty() && lines.isEmpty()) {
                tool(QStringLiteral("suggest_substitute"), {{QStringLiteral("product_id"), p.id}},
                     tools.suggestSubstitute(c.index));
                line += QLatin1Char(' ') + offer(product(subs.first()), 1);
            }
            lines << line;
        }
        plan.reply = lines.join(QLatin1Char(' '));
        plan.confidence = std::min(plan.confidence, top);
    }

    // Where is my order, cancel it, change it.
    Status answerAboutOrder(const QString &label)
    {
        auto latest = store.catalog().latestOrder(plan.input.tenantId, plan.contactId);
        if (!latest)
            return Status::failure(latest);
        auto status = tools.orderStatus(plan.contactId);
        tool(QStringLiteral("order_status"), {}, status ? status.value() : QJsonObject());
        const bool open =
            latest->has_value() && (latest->value().status == QLatin1String("open") ||
                                    latest->value().status == QLatin1String("confirmed"));
        if (label == ShopIntents::OrderStatus) {
            plan.reply =
                latest->has_value()
                    ? say(QStringLiteral("order_status"),
                          {{QStringLiteral("order"), QString::number(latest->value().id)},
                           {QStringLiteral("total"), tools.money(latest->value().totalMinor)},
                           {QStringLiteral("status"), latest->value().status}})
                    : say(QStringLiteral("no_orders"));
        } else if (!open) {
            plan.reply = say(QStringLiteral("no_open_order"));
        } else if (label == ShopIntents::CancelOrder) {
            plan.order = latest->value();
            plan.order.status = QStringLiteral("cancelled");
            plan.orderAction = OrderAction::Update;
            plan.reply = say(QStringLiteral("order_cancelled"),
                             {{QStringLiteral("order"), QString::number(plan.order.id)}});
        } else {
            plan.order = latest->value();
            changeOrder();
            plan.orderAction = OrderAction::Update;
        }
        return success();
    }

    // Items named with a quantity replace that product's line; "remove X" drops it.
    void changeOrder()
    {
        const QString &normalized = plan.understood.normalized;
        const bool removing = normalized.contains(QLatin1String("remove")) ||
                              normalized.contains(QLatin1String("hata")) ||
                              normalized.contains(QLatin1String("nahi chahiye"));
        QStringList notes;
        for (const auto &it : std::as_const(plan.understood.items)) {
            if (!it.accepted()) {
                notes << say(QStringLiteral("not_found"), {{QStringLiteral("item"), it.item.text}});
                continue;
            }
            const Product &p = product(it.best());
            bool found = false;
            for (qsizetype i = 0; i < plan.order.lines.size(); ++i) {
                if (plan.order.lines[i].productId != p.id)
                    continue;
                found = true;
                if (removing)
                    plan.order.lines.removeAt(i);
                else
                    plan.order.lines[i].quantity = models.products->packs(it);
                break;
            }
            if (!found && !removing)
                plan.order.lines.append({0, p.id, productLabel(p), models.products->packs(it),
                                         QString(), p.priceMinor, 0});
        }
        if (plan.order.lines.isEmpty()) {
            plan.order.status = QStringLiteral("cancelled");
            plan.reply = say(QStringLiteral("order_cancelled"),
                             {{QStringLiteral("order"), QString::number(plan.order.id)}});
            return;
        }
        qint64 totalMinor = 0;
        QStringList lines;
        for (const OrderLine &l : std::as_const(plan.order.lines)) {
            totalMinor += qint64(std::llround(l.quantity * double(l.unitPriceMinor)));
            lines << lineText(tools, l.productName, l.quantity, l.unitPriceMinor);
        }
        notes << say(QStringLiteral("order_changed"),
                     {{QStringLiteral("order"), QString::number(plan.order.id)},
                      {QStringLiteral("lines"), lines.join(QStringLiteral(", "))},
                      {QStringLiteral("total"), tools.money(totalMinor)}});
        plan.reply = notes.join(QLatin1Char(' '));
    }

    // "bill bhejo": the newest bill goes as a PDF after the reply, or the customer hears there is
    // none yet.
    Status answerBillRequest()
    {
        auto order = store.catalog().latestBilledOrder(plan.input.tenantId, plan.contactId);
        if (!order)
            return Status::failure(order);
        plan.confidence = 1.0;
        plan.tools.append(QJsonObject{{QStringLiteral("tool"), QStringLiteral("send_bill")},
                                      {QStringLiteral("arguments"), QJsonObject{}},
                                      {QStringLiteral("result"), order.value()}});
        if (order.value() == 0) {
            plan.reply = say(QStringLiteral("no_bill"));
            return success();
        }
        plan.billOrderId = order.value();
        plan.reply = say(QStringLiteral("bill_sent"),
                         {{QStringLiteral("order"), QString::number(order.value())}});
        return success();
    }

    // The message's intent, when it was not an answer to the bot's own question.
    Status answerIntent(const QString &label, const QString &text, bool ordering)
    {
        using A = ConversationState::Awaiting;
        if (label != ShopIntents::Affirm && label != ShopIntents::Deny && !ordering)
            plan.state.awaiting = plan.state.cart.isEmpty() ? A::Nothing : plan.state.awaiting;
        if (label == ShopIntents::Greeting) {
            plan.reply = say(QStringLiteral("greeting"));
        } else if (label == ShopIntents::Thanks || label == ShopIntents::Affirm ||
                   label == ShopIntents::Deny) {
            plan.reply = say(QStringLiteral("thanks"));
        } else if (label == ShopIntents::Human) {
            escalate(EscalationReason::AskedForPerson,
                     QStringLiteral("The customer asked for a person."));
        } else if (label == ShopIntents::Complaint) {
            escalate(EscalationReason::Complaint,
                     QStringLiteral("The customer is complaining: \"%1\"").arg(text.left(120)));
        } else if (label == ShopIntents::StoreHours || label == ShopIntents::StoreLocation ||
                   label == ShopIntents::Delivery) {
            answerStoreInfo(label, text);
        } else if (label == ShopIntents::PaymentBalance) {
            return answerBalance(text);
        } else if (label == ShopIntents::ProductAvailability || label == ShopIntents::Price) {
            answerProductQuestion(label);
        } else if (label == ShopIntents::PlaceOrder && plan.reading.by == QLatin1String("photo")) {
            takePhotoList();
        } else if (label == ShopIntents::PlaceOrder) {
            takeItems(plan.understood.items);
        } else if (label == ShopIntents::ChangeOrder || label == ShopIntents::CancelOrder ||
                   label == ShopIntents::OrderStatus) {
            return answerAboutOrder(label);
        } else {
            // store_policy, out of scope, or not sure: the store's own documents may know.
            plan.knowledgeQuestion = text;
            // The classifier's own verdict, for when the documents do not know either.
            const IntentClassifier::Prediction &intent = plan.understood.intent;
            if (intent.outOfScope && intent.ranking.first().first == ShopIntents::OutOfScope)
                plan.outOfScopeReply = say(QStringLiteral("out_of_scope"));
        }
        return success();
    }

    // The language model may write the reply unless the deterministic path is answering its own
    // question, changing an order, or handing over on a rule (a request for a person, a
    // complaint, a large order); then it gets the recent conversation, personal data masked.
    Status prepareModel(const QString &label, const QString &text, bool handled, bool ordering)
    {
        using A = ConversationState::Awaiting;
        plan.model = ModelEndpoint::fromJson(plan.settings.value(KnowledgeSettings::kChatKey));
        const bool modelOn =
            plan.model.configured() &&
            plan.settings.value(QStringLiteral("agent.model")) != QLatin1String("off");
        const bool cartUnderstood = ordering && plan.state.awaiting == A::Confirmation;
        plan.modelMayAnswer = modelOn && !handled && plan.before.awaiting == A::Nothing &&
                              plan.orderAction == OrderAction::None && plan.escalation.isEmpty() &&
                              !cartUnderstood;
        plan.smallTalk = label == ShopIntents::Greeting || label == ShopIntents::Thanks ||
                         label == ShopIntents::Affirm || label == ShopIntents::Deny;
        if (!plan.modelMayAnswer)
            return success();
        const Input &input = plan.input;
        auto contact = store.conversations().contact(input.tenantId, plan.contactId);
        if (contact && !contact->name.trimmed().isEmpty())
            plan.names << contact->name;
        auto history =
            store.conversations().latestMessages(input.tenantId, input.conversationId, 8);
        if (!history)
            return Status::failure(history);
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
        return success();
    }

    Store &store;
    const AgentModels::Models &models;
    ShopTools &tools;
    Plan &plan;
    const ReplyTemplates &templates;
};

void AgentTurn::mark(Plan &plan, const char *step)
{
    const qint64 now = plan.clock.nsecsElapsed();
    plan.steps.append(QJsonObject{{QStringLiteral("step"), QString::fromLatin1(step)},
                                  {QStringLiteral("ms"), double(now - plan.stepNs) / 1e6}});
    plan.stepNs = now;
}

void AgentTurn::markWait(Plan &plan, const char *step)
{
    // Shown only when the wait was long enough to matter (a busy machine).
    if (plan.clock.nsecsElapsed() - plan.stepNs >= 100000)
        mark(plan, step);
    else
        plan.stepNs = plan.clock.nsecsElapsed();
}

Result<AgentTurn::Plan> AgentTurn::load(Store &store, AgentModels &models, const Input &input)
{
    using R = Result<Plan>;
    Plan plan;
    plan.input = input;
    plan.clock.start();

    // Conversation 0 is a preview (the console's "try a message"): a new chat the bot owns.
    auto conversation =
        input.conversationId == 0
            ? Result<Conversation>(Conversation{})
            : store.conversations().conversation(input.tenantId, input.conversationId);
    if (!conversation)
        return R::failure(conversation);
    plan.contactId = conversation->contactId;
    plan.channelId = conversation->channelId;
    plan.now = input.now.isValid() ? input.now : QDateTime::currentDateTimeUtc();
    auto settings = store.tenants().settingsWithName(input.tenantId);
    if (!settings)
        return R::failure(settings);
    plan.settings = settings.value();
    auto kept = input.conversationId == 0
                    ? Result<QByteArray>(QByteArray())
                    : store.agent().conversationState(input.tenantId, input.conversationId);
    if (!kept)
        return R::failure(kept);
    plan.state = ConversationState::fromJson(kept.value());
    // What the bot can read of the message: its text, a tap's meaning, a voice note's
    // transcript or a photo's list (or it waits for them, or hands the chat over).
    const MediaGate::Decision gate = MediaGate::decide(input.message, plan.now, input.botSince);
    // The trace shows what the bot read, or what it was given: "[voice note]".
    plan.input.message.body =
        gate.verdict == MediaGate::Verdict::HandOver
            ? QStringLiteral("[%1] %2").arg(gate.what, input.message.body).trimmed()
            : gate.text;
    const QString text = gate.text.trimmed();
    if (!text.isEmpty())
        plan.state.hinglish = MessageNormalizer::looksHinglish(text);
    plan.before = plan.state;
    plan.handover = plan.settings.value(QStringLiteral("escalation.handover_message")).trimmed();
    if (plan.handover.isEmpty())
        plan.handover = ReplyTemplates(plan.settings)
                            .render(QStringLiteral("handover"), plan.state.hinglish, {});
    mark(plan, "load");

    if (conversation->owner != OwnerKind::Bot) {
        plan.silentReason = QStringLiteral("a person owns this chat");
    } else if (conversation->needsHuman) {
        plan.silentReason = QStringLiteral("the chat is waiting for a person");
    } else if (gate.verdict == MediaGate::Verdict::Silent) {
        plan.silentReason = gate.reason;
    } else if (gate.verdict == MediaGate::Verdict::Wait) {
        plan.waitingFor = gate.what;
        return plan;
    } else if (text.isEmpty() && gate.verdict != MediaGate::Verdict::HandOver) {
        plan.silentReason = QStringLiteral("an empty message");
    }
    if (!plan.silentReason.isEmpty()) {
        plan.trace.insert(QStringLiteral("normalized"), QString());
        return plan;
    }
    if (const Status greeted = addPreface(store, plan); !greeted)
        return R::failure(greeted);
    if (plan.contactId > 0) { // not a preview
        if (auto contact = store.conversations().contact(input.tenantId, plan.contactId); contact)
            plan.customer = contact->phone; // for the provider's read receipt
    }
    if (gate.verdict == MediaGate::Verdict::HandOver) {
        handOverMedia(plan, gate);
        return plan;
    }
    if (gate.verdict == MediaGate::Verdict::Read) {
        plan.reading = gate.reading;
        plan.trace.insert(QStringLiteral("reading"), gate.reading.toJson());
    }
    auto loaded = models.forStore(store, input.tenantId);
    if (!loaded)
        return R::failure(loaded);
    plan.models = loaded.value();
    mark(plan, loaded->retrained ? "models (retrained)" : "models");
    return plan;
}

Status AgentTurn::addPreface(Store &store, Plan &plan)
{
    if (plan.input.conversationId == 0)
        return success(); // a preview
    Greetings::Turn turn;
    turn.tenantId = plan.input.tenantId;
    turn.contactId = plan.contactId;
    turn.messageId = plan.input.message.id;
    turn.now = plan.now;
    turn.hinglish = plan.state.hinglish;
    turn.settings = &plan.settings;
    auto preface = Greetings::preface(store, turn, plan.state);
    if (!preface)
        return Status::failure(preface);
    plan.preface = preface.value();
    if (!plan.preface.isEmpty())
        plan.trace.insert(QStringLiteral("preface"), QJsonArray::fromStringList(plan.preface));
    return success();
}

void AgentTurn::handOverMedia(Plan &plan, const MediaGate::Decision &gate)
{
    plan.escalation = gate.reason;
    plan.escalationCode = EscalationReason::Media;
    plan.confidence = 1.0;
    plan.reply = ReplyTemplates(plan.settings)
                     .render(QStringLiteral("media_handover"), plan.state.hinglish,
                             {{QStringLiteral("what"), gate.what}});
    plan.trace.insert(QStringLiteral("normalized"), QString());
    plan.trace.insert(QStringLiteral("media"), QJsonObject{{QStringLiteral("what"), gate.what},
                                                           {QStringLiteral("handed_over"), true}});
}

void AgentTurn::understand(Plan &plan)
{
    if (!plan.silentReason.isEmpty() || !plan.models.intents)
        return;
    markWait(plan, "queued for the compute pool");
    const AgentModels::Models &m = plan.models;
    Understanding &u = plan.understood;
    const QString text = plan.input.message.body.trimmed();
    u.normalized = MessageNormalizer::normalize(text);
    plan.trace.insert(QStringLiteral("normalized"), u.normalized);
    plan.trace.insert(QStringLiteral("hinglish"), plan.state.hinglish);
    mark(plan, "normalize");

    u.intent = m.intents->classify(text);
    if (plan.reading.by == QLatin1String("photo")) {
        // A photo's writing is a shopping list: its lines are the order's items.
        u.intent.label = ShopIntents::PlaceOrder;
        u.intent.probability = std::max(0.0, plan.reading.confidence);
        u.intent.outOfScope = false;
    }
    QJsonArray ranking;
    for (const auto &[label, p] : u.intent.ranking)
        ranking.append(
            QJsonObject{{QStringLiteral("intent"), label}, {QStringLiteral("probability"), p}});
    plan.trace.insert(QStringLiteral("intent"),
                      QJsonObject{{QStringLiteral("label"), u.intent.label},
                                  {QStringLiteral("probability"), u.intent.probability},
                                  {QStringLiteral("out_of_scope"), u.intent.outOfScope},
                                  {QStringLiteral("ranking"), ranking}});
    plan.confidence = u.intent.probability;
    mark(plan, "classify");

    // Entities: the items and products the message names, and the products it asks about.
    const QString &label = u.intent.label;
    if (label == ShopIntents::PlaceOrder || label == ShopIntents::ChangeOrder)
        u.items = m.products->matchOrder(text);
    QJsonArray entities;
    for (const auto &it : std::as_const(u.items)) {
        QJsonObject e{{QStringLiteral("text"), it.item.text},
                      {QStringLiteral("quantity"), it.item.quantity},
                      {QStringLiteral("unit"), it.item.unit},
                      {QStringLiteral("confidence"), it.confidence}};
        if (it.best() >= 0)
            e.insert(QStringLiteral("product"), productLabel(m.products->product(it.best())));
        entities.append(e);
    }
    plan.trace.insert(QStringLiteral("entities"), entities);
    if (label == ShopIntents::ProductAvailability || label == ShopIntents::Price) {
        const QString query = productQuery(text);
        u.productQuery = query.isEmpty() ? text : query;
        u.productSearch = m.products->search(u.productQuery);
    }
    if (plan.state.awaiting == ConversationState::Awaiting::Choice)
        u.choiceSearch = m.products->search(text);
    mark(plan, "entities");
}

Result<AgentTurn::Plan> AgentTurn::respond(Store &store, Plan plan)
{
    if (!plan.silentReason.isEmpty() || !plan.models.intents)
        return plan;
    markWait(plan, "queued for the database");
    const AgentModels::Models m = plan.models;
    const ReplyTemplates templates(plan.settings);
    ShopTools tools(store, plan.input.tenantId, *m.products, plan.settings);
    Context cx(store, m, tools, plan, templates);
    const QString text = plan.input.message.body.trimmed();
    const QString label = plan.understood.intent.label;
    const bool ordering = label == ShopIntents::PlaceOrder || label == ShopIntents::ChangeOrder;

    // STOP / START: the inbound applier has marked the customer; the bot says what it means.
    if (const auto optOut = OptOutWords::of(text); optOut != OptOutWords::Meaning::None) {
        const bool out = optOut == OptOutWords::Meaning::OptOut;
        plan.reply = templates.render(
            out ? QStringLiteral("opt_out_confirm") : QStringLiteral("opt_in_confirm"),
            plan.state.hinglish,
            {{QStringLiteral("store"),
              plan.settings.value(QStringLiteral("store.name"), QStringLiteral("the store"))}});
        plan.trace.insert(QStringLiteral("opt_out"), out);
        plan.confidence = 1.0;
        mark(plan, "opt-out");
        plan.trace.insert(QStringLiteral("decide_ms"), double(plan.clock.nsecsElapsed()) / 1e6);
        return plan;
    }
    // The owner's own number: a command, not a customer's message.
    auto owner = OwnerLine::isOwner(store, plan.input.tenantId, plan.contactId, plan.settings);
    if (!owner)
        return Result<Plan>::failure(owner.error(), owner.errorKind());
    if (owner.value()) {
        plan.ownerCommand = true;
        plan.confidence = 1.0;
        mark(plan, "owner command");
        plan.trace.insert(QStringLiteral("decide_ms"), double(plan.clock.nsecsElapsed()) / 1e6);
        return plan;
    }
    if (BillRequest::matches(text)) {
        const Status billed = cx.answerBillRequest();
        if (!billed)
            return Result<Plan>::failure(billed);
        mark(plan, "bill");
        plan.trace.insert(QStringLiteral("decide_ms"), double(plan.clock.nsecsElapsed()) / 1e6);
        return plan;
    }
    const bool handled = cx.answerOwnQuestion(label);
    if (!handled) {
        const Status answered = cx.answerIntent(label, text, ordering);
        if (!answered)
            return Result<Plan>::failure(answered);
    }
    if (plan.knowledgeQuestion.isEmpty() && plan.escalation.isEmpty())
        plan.state.misunderstandings = 0;
    mark(plan, "tools");
    const Status prepared = cx.prepareModel(label, text, handled, ordering);
    if (!prepared)
        return Result<Plan>::failure(prepared);
    if (plan.modelMayAnswer)
        mark(plan, "model prompt");
    if (!plan.interactive.isEmpty())
        plan.interactiveFor = plan.reply;
    plan.trace.insert(QStringLiteral("decide_ms"), double(plan.clock.nsecsElapsed()) / 1e6);
    return plan;
}

Result<AgentTurn::Plan> AgentTurn::decide(Store &store, AgentModels &models, const Input &input)
{
    auto plan = load(store, models, input);
    if (!plan)
        return plan;
    understand(plan.value());
    return respond(store, std::move(plan.value()));
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
        plan.escalationCode = EscalationReason::Model;
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
            plan.escalationCode = EscalationReason::Misunderstood;
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
            plan.escalationCode = EscalationReason::LowConfidence;
            plan.escalation =
                QStringLiteral("Not sure of the answer: %1")
                    .arg(knowledge ? knowledge->reason
                                   : QStringLiteral("the knowledge service did not answer"));
            plan.reply = plan.handover;
        }
    }

    return store.transact([&]() -> R {
        // The message leaves the bot's queue with this turn's writes: a crash before the commit
        // leaves it queued for the next turn, and a turn another node committed first wins.
        if (plan.input.message.id > 0) {
            auto taken = store.botQueue().take(plan.input.tenantId, plan.input.message.id);
            if (!taken)
                return R::failure(taken);
            if (taken.value() == BotQueueStore::Taken::AlreadyAnswered) {
                Outcome out;
                out.decision = QStringLiteral("silent");
                out.reason = QStringLiteral("another engine node answered this message");
                return out;
            }
        }
        // The owner is read under the chat's lock, the one a takeover takes: a takeover that
        // committed first makes the bot silent here, and one that comes later waits for this
        // commit.
        auto conversation =
            store.conversations().lockConversation(plan.input.tenantId, plan.input.conversationId);
        if (!conversation)
            return R::failure(conversation);
        if (plan.silentReason.isEmpty() && conversation->owner != OwnerKind::Bot)
            plan.silentReason =
                QStringLiteral("a person took the chat over while the bot was answering");
        Outcome out;
        if (plan.silentReason.isEmpty()) {
            const Status written = writeTurn(store, plan, out);
            if (!written)
                return R::failure(written);
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
            return R::failure(added);
        out.traceId = added->id;
        out.trace = trace;
        return out;
    });
}

Result<bool> AgentTurn::soldMeanwhile(Store &store, Plan &plan)
{
    // The plan saw the stock a moment ago; another order may have taken it since. Checked
    // again under the products' locks: the customer is told, rather than the order refused.
    if (plan.orderAction == OrderAction::None || !StockLedger::holdsStock(plan.order.status))
        return false;
    auto shortfall = store.catalog().stockShortfall(plan.input.tenantId, plan.order);
    if (!shortfall)
        return Result<bool>::failure(shortfall);
    if (shortfall->isEmpty())
        return false;
    const ReplyTemplates templates(plan.settings);
    const bool created = plan.orderAction == OrderAction::Create;
    if (created) { // the cart as it was, to change
        plan.state.cart.clear();
        for (const OrderLine &l : plan.order.lines)
            plan.state.cart.append({l.productId, l.productName, l.quantity, l.unitPriceMinor});
        plan.state.awaiting = ConversationState::Awaiting::Nothing;
    }
    plan.reply = templates.render(created ? QStringLiteral("sold_meanwhile")
                                          : QStringLiteral("order_unchanged_stock"),
                                  plan.state.hinglish,
                                  {{QStringLiteral("shortfall"), shortfall.value()},
                                   {QStringLiteral("order"), QString::number(plan.order.id)}});
    plan.tools.append(QJsonObject{{QStringLiteral("tool"), QStringLiteral("check_stock")},
                                  {QStringLiteral("arguments"), QJsonObject{}},
                                  {QStringLiteral("result"), shortfall.value()}});
    plan.orderAction = OrderAction::None;
    return true;
}

Status AgentTurn::writeTurn(Store &store, Plan &plan, Outcome &out)
{
    const qint64 tenant = plan.input.tenantId;
    const qint64 conversation = plan.input.conversationId;
    if (plan.ownerCommand) { // carried out in this turn's transaction
        auto answer = OwnerLine::answer(
            store, tenant, plan.state.owner, plan.input.message.body.trimmed(),
            QDateTime::currentDateTimeUtc(), plan.trace, plan.models.products.get());
        if (!answer)
            return Status::failure(answer);
        plan.reply = answer.value();
    }
    if (const auto sold = soldMeanwhile(store, plan); !sold)
        return Status::failure(sold);
    if (plan.orderAction == OrderAction::Create) {
        auto order = store.catalog().addOrder(tenant, plan.order);
        if (!order)
            return Status::failure(order);
        out.orderId = order->id;
        plan.reply.replace(QStringLiteral("#{order}"), QStringLiteral("#%1").arg(order->id));
        plan.reply.replace(QStringLiteral("{order}"), QString::number(order->id));
    } else if (plan.orderAction == OrderAction::Update) {
        auto order = store.catalog().updateOrder(tenant, plan.order);
        if (!order)
            return Status::failure(order);
        out.orderId = order->id;
    }
    if (plan.reminderInDays >= 0) {
        auto reminder = ShopTools::addPaymentReminder(store, tenant, plan.settings, plan.contactId,
                                                      conversation, plan.reminderInDays);
        if (!reminder)
            return Status::failure(reminder);
        plan.tools.append(
            QJsonObject{{QStringLiteral("tool"), QStringLiteral("schedule_reminder")},
                        {QStringLiteral("arguments"),
                         QJsonObject{{QStringLiteral("in_days"), plan.reminderInDays}}},
                        {QStringLiteral("result"), reminder.value()}});
    }
    for (const QString &text : std::as_const(plan.preface)) { // greeting, away message
        OutboundDraft draft;
        draft.tenantId = tenant;
        draft.conversationId = conversation;
        draft.author = Author::Bot;
        draft.text = text;
        if (auto sent = MessagingService::enqueue(store, draft); !sent)
            return Status::failure(sent);
    }
    if (!plan.reply.isEmpty()) {
        OutboundDraft draft;
        draft.tenantId = tenant;
        draft.conversationId = conversation;
        draft.author = Author::Bot;
        draft.text = plan.reply;
        if (plan.reply == plan.interactiveFor) // still the reply the list or buttons are for
            draft.interactive = InteractiveReply::withBody(plan.interactive, plan.reply);
        auto sent = MessagingService::enqueue(store, draft);
        if (!sent)
            return Status::failure(sent);
    }
    if (plan.billOrderId > 0 && !plan.dataDir.isEmpty()) {
        auto bill =
            BillService::send(store, plan.dataDir, tenant, 0, plan.billOrderId, Author::Bot);
        if (!bill)
            return Status::failure(bill);
    }
    if (!plan.escalation.isEmpty()) {
        auto marked = store.conversations().setNeedsHuman(tenant, conversation, true,
                                                          plan.escalation, {}, plan.escalationCode);
        if (!marked)
            return Status::failure(marked);
    }
    return store.agent().setConversationState(tenant, conversation, plan.state.toJson());
}

} // namespace shopdesk
