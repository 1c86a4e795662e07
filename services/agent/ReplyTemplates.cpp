#include "agent/ReplyTemplates.h"

namespace shopdesk {

namespace {

struct Texts
{
    const char *en;
    const char *hi;
};

const QHash<QString, Texts> &texts()
{
    static const QHash<QString, Texts> map = {
        {QStringLiteral("greeting"),
         {"Hello! I'm {persona} from {store}. You can order here, ask prices, or ask about "
          "delivery. What do you need today?",
          "Namaste! Main {persona}, {store} se. Aap yahan order kar sakte hain, rate pooch sakte "
          "hain ya delivery ke baare mein. Aaj kya chahiye?"}},
        {QStringLiteral("thanks"),
         {"You're welcome! Anything else I can help with?", "Aapka swagat hai! Aur kuch chahiye?"}},
        {QStringLiteral("available"),
         {"Yes, {product} is available: {price}.", "Haan, {product} available hai: {price}."}},
        {QStringLiteral("price"), {"{product} is {price}.", "{product} ka rate {price} hai."}},
        {QStringLiteral("out_of_stock"),
         {"Sorry, {product} is out of stock right now.",
          "Maaf kijiye, {product} abhi stock mein nahi hai."}},
        {QStringLiteral("sold_meanwhile"),
         {"Sorry, someone else just bought it: {shortfall} Your cart is kept; reply with a "
          "smaller quantity or another product.",
          "Maaf kijiye, abhi abhi kisi aur ne le liya: {shortfall} Aapka cart rakha hai; kam "
          "quantity ya koi aur product bhejiye."}},
        {QStringLiteral("order_unchanged_stock"),
         {"Sorry, {shortfall} Your order #{order} is unchanged.",
          "Maaf kijiye, {shortfall} Aapka order #{order} waisa hi hai."}},
        {QStringLiteral("substitute"),
         {"Instead, I can send {substitute} ({price}). Shall I add it?",
          "Uski jagah {substitute} ({price}) bhej sakte hain. Add kar doon?"}},
        {QStringLiteral("choose"),
         {"Which {item} would you like? {options}. Reply with the number.",
          "Kaunsa {item} chahiye? {options}. Number bhej dijiye."}},
        {QStringLiteral("not_found"),
         {"I couldn't find \"{item}\" in our shop. Could you say it another way?",
          "\"{item}\" humari dukan mein nahi mila. Thoda alag tarike se likhenge?"}},
        {QStringLiteral("cart"),
         {"Your order: {lines}. Total {total}. Shall I place it? (yes/no)",
          "Aapka order: {lines}. Total {total}. Order confirm kar doon? (haan/nahi)"}},
        {QStringLiteral("order_placed"),
         {"Done! Order #{order} is placed: {lines}. Total {total}. {delivery}",
          "Ho gaya! Order #{order} place ho gaya: {lines}. Total {total}. {delivery}"}},
        {QStringLiteral("order_kept"),
         {"Okay, I haven't placed it. Tell me what to change.",
          "Theek hai, order place nahi kiya. Bataiye kya badalna hai."}},
        {QStringLiteral("order_changed"),
         {"Order #{order} is updated: {lines}. Total {total}.",
          "Order #{order} update ho gaya: {lines}. Total {total}."}},
        {QStringLiteral("order_cancelled"),
         {"Order #{order} is cancelled.", "Order #{order} cancel ho gaya."}},
        {QStringLiteral("no_open_order"),
         {"I don't see an open order to change. Would you like to place a new one?",
          "Koi open order nahi mila. Naya order dena hai?"}},
        {QStringLiteral("order_status"),
         {"Order #{order} ({total}) is {status}.",
          "Order #{order} ({total}) ka status: {status}."}},
        {QStringLiteral("no_orders"),
         {"I don't see any order from you yet.", "Aapka abhi tak koi order nahi mila."}},
        {QStringLiteral("reminder_scheduled"),
         {"Noted! I'll remind you on {date} about the {balance} due.",
          "Theek hai! {date} ko {balance} ki yaad dila denge."}},
        {QStringLiteral("hours"), {"We're open {hours}.", "Dukan ka time: {hours}."}},
        {QStringLiteral("location"),
         {"We're at {address}. Phone: {phone}.", "Hum yahan hain: {address}. Phone: {phone}."}},
        {QStringLiteral("delivery"),
         {"We deliver to {areas}, {time}. Delivery is {charge}, free above {free_above}.",
          "Hum {areas} mein deliver karte hain, {time}. Delivery {charge}, {free_above} se upar "
          "free."}},
        {QStringLiteral("balance"),
         {"Your balance with us is {balance}.", "Aapka baki {balance} hai."}},
        {QStringLiteral("bill_sent"),
         {"Here is the bill for order #{order}.", "Order #{order} ka bill bhej diya hai."}},
        {QStringLiteral("no_bill"),
         {"I don't see a confirmed order to bill yet. Once your order is confirmed I can send "
          "its bill.",
          "Abhi koi confirm order nahi hai jiska bill bana ho. Order confirm hone ke baad bill "
          "bhej denge."}},
        {QStringLiteral("no_balance"),
         {"You have nothing to pay. Thank you!", "Aapka kuch baki nahi hai. Dhanyavaad!"}},
        {QStringLiteral("out_of_scope"),
         {"I can help with orders, prices, stock, delivery and your account at {store}.",
          "Main {store} ke order, rate, stock, delivery aur hisaab mein madad kar sakti hoon."}},
        // A voice note, photo or file the bot cannot read; {what} is "voice note", "photo"...
        {QStringLiteral("media_handover"),
         {"Got your {what}. Someone from our team will check it and reply shortly.",
          "Aapka {what} mil gaya. Hamari team dekh kar jaldi jawab degi."}},
        // Before the cart, when the order came as a photo of a list.
        {QStringLiteral("photo_list"),
         {"I read {count} items on your list.", "Aapki list mein {count} cheezein padhi."}},
        // WhatsApp Business's greeting (welcome.enabled): a new customer, or 14 days of silence.
        {QStringLiteral("welcome_message"),
         {"Welcome to {store}! I'm {persona}: you can order here, ask prices and stock, or "
          "ask for your bill.",
          "{store} mein aapka swagat hai! Main {persona}: yahan order kijiye, rate aur stock "
          "poochiye, ya bill mangaiye."}},
        // Outside the store's hours (away.enabled); {opens} is when it next opens.
        {QStringLiteral("away_message"),
         {"{store} is closed now and opens {opens}. You can still order here: we will deliver "
          "once we open.",
          "{store} abhi band hai, {opens} khulega. Aap abhi bhi order kar sakte hain: dukan "
          "khulne par deliver karenge."}},
        {QStringLiteral("cart_so_far"),
         {"In your cart so far: {lines}.", "Abhi tak cart mein: {lines}."}},
        // After a question about one item of an order, the other unclear ones.
        {QStringLiteral("also_unclear"),
         {"Then tell me which {items} you want.", "Phir bataiye kaunsa {items} chahiye."}},
        {QStringLiteral("handover"),
         {"I'm passing your chat to our team. Someone will reply shortly.",
          "Aapki chat hamari team ko de rahi hoon. Koi jaldi jawab dega."}},
        // Told to the customer when a person takes the chat (inbox.notify_takeover) and when
        // the bot has it again (inbox.notify_handback); {operator} is the person's name.
        {QStringLiteral("takeover_notice"),
         {"{operator} from {store} is here and will help you now.",
          "{operator}, {store} se, ab aapki madad karenge."}},
        // The customer wrote STOP (or START): what it means, in their language.
        {QStringLiteral("opt_out_confirm"),
         {"Done: {store} will send you no more reminders or offers. Write START to get them "
          "again. You can still write to us any time.",
          "Theek hai: {store} ab aapko reminder ya offer nahi bhejega. Dobara chahiye to START "
          "likhiye. Aap kabhi bhi hamein likh sakte hain."}},
        {QStringLiteral("opt_in_confirm"),
         {"Welcome back: {store} will send you reminders and offers again. Write STOP to stop "
          "them.",
          "Swagat hai: {store} aapko phir se reminder aur offer bhejega. Band karne ke liye STOP "
          "likhiye."}},
        {QStringLiteral("handback_notice"),
         {"Thank you for waiting. {persona} from {store} will help you from here.",
          "Intezaar ke liye shukriya. Ab {persona}, {store} se, aapki madad karegi."}},
    };
    return map;
}

} // namespace

ReplyTemplates::ReplyTemplates(const QMap<QString, QString> &settings)
    : m_settings(settings)
{}

QStringList ReplyTemplates::keys()
{
    QStringList k = texts().keys();
    k.sort();
    return k;
}

QString ReplyTemplates::shipped(const QString &key, bool hinglish)
{
    const auto it = texts().constFind(key);
    if (it == texts().cend())
        return {};
    return QString::fromUtf8(hinglish ? it->hi : it->en);
}

QString ReplyTemplates::text(const QString &key, bool hinglish) const
{
    const QString own = m_settings
                            .value(QStringLiteral("templates.") + key +
                                   (hinglish ? QStringLiteral(".hi") : QString()))
                            .trimmed();
    if (!own.isEmpty())
        return own;
    // The store's English text beats the shipped Hinglish one: it is the store's voice.
    if (hinglish) {
        const QString english = m_settings.value(QStringLiteral("templates.") + key).trimmed();
        if (!english.isEmpty())
            return english;
    }
    return shipped(key, hinglish);
}

QString ReplyTemplates::render(const QString &key, bool hinglish,
                               const QHash<QString, QString> &values) const
{
    QString out = text(key, hinglish);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        out.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return out.simplified();
}

} // namespace shopdesk
