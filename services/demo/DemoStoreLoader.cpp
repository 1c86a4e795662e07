#include "demo/DemoStoreLoader.h"

#include "demo/DemoHistory.h"

#include "core/Logging.h"
#include "core/Money.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

namespace shopdesk {
using sql::need;
namespace {

using json = nlohmann::json;

QString qs(const json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

json readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw SqlError(QStringLiteral("The demo data file %1 is missing.").arg(path));
    const QByteArray bytes = f.readAll();
    return json::parse(bytes.constBegin(), bytes.constEnd());
}

// "# Title" then "## Section" blocks: one chunk per section, headed "Title > Section".
QList<KnowledgeChunk> sectionChunks(const QString &markdown, QString *title)
{
    QList<KnowledgeChunk> chunks;
    QString heading, text;
    auto flush = [&] {
        if (!text.trimmed().isEmpty())
            chunks.append({0, 0, int(chunks.size()), *title + QStringLiteral(" > ") + heading,
                           text.simplified(), true});
        text.clear();
    };
    for (const QString &line : markdown.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("## "))) {
            flush();
            heading = line.mid(3).trimmed();
        } else if (line.startsWith(QLatin1String("# "))) {
            *title = line.mid(2).trimmed();
        } else {
            text += line + QLatin1Char('\n');
        }
    }
    flush();
    return chunks;
}

Author authorOf(const QString &code)
{
    if (code == QLatin1String("c"))
        return Author::Customer;
    if (code == QLatin1String("h"))
        return Author::Human;
    if (code == QLatin1String("s"))
        return Author::System;
    return Author::Bot;
}

void loadKnowledge(Store &store, qint64 tenantId, DemoSummary &summary)
{
    const QDir dir(QStringLiteral(":/demo/knowledge"));
    for (const QString &file : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            throw SqlError(QStringLiteral("The demo document %1 is missing.").arg(file));
        const QString text = QString::fromUtf8(f.readAll());
        KnowledgeDocument doc;
        doc.sourceName = file;
        doc.mimeType = QStringLiteral("text/markdown");
        const auto chunks = sectionChunks(text, &doc.title);
        need(store.knowledge().putDocument(tenantId, doc, chunks));
        ++summary.documents;
    }
}

QHash<QString, Product> loadProducts(Store &store, qint64 tenantId, DemoSummary &summary)
{
    QList<Product> products;
    for (const json &j : readJson(QStringLiteral(":/demo/products.json"))) {
        Product p;
        p.sku = qs(j, "sku");
        p.name = qs(j, "name");
        p.brand = qs(j, "brand");
        p.category = qs(j, "category");
        p.unit = qs(j, "unit");
        p.priceMinor = Money::fromMajor(j.value("price", 0.0));
        p.stock = j.value("stock", 0.0);
        p.lowStockThreshold = j.value("low_stock_threshold", 0.0);
        for (const json &a : j.value("aliases", json::array()))
            p.aliases << QString::fromStdString(a.get<std::string>());
        products.append(p);
    }
    summary.products = need(store.catalog().upsertProducts(tenantId, products));
    QHash<QString, Product> bySku;
    for (const Product &p : need(store.catalog().products(tenantId)))
        bySku.insert(p.sku, p);
    return bySku;
}

// One customer's demo ledger: entries six days apart, the first 20 days ago.
void loadLedger(Store &store, qint64 tenantId, qint64 contactId, const json &entries,
                const QDateTime &now)
{
    int day = 20;
    for (const json &e : entries) {
        LedgerEntry entry;
        entry.contactId = contactId;
        entry.kind = LedgerEntry::kindFrom(qs(e, "kind"));
        entry.method = LedgerEntry::methodFrom(qs(e, "method"));
        entry.amountMinor = Money::fromMajor(e.value("amount", 0.0));
        entry.note = qs(e, "note");
        entry.createdAt = now.addDays(-day);
        day -= 6;
        need(store.ledger().record(tenantId, entry));
    }
}

CustomerProfile profileFrom(const json &c)
{
    CustomerProfile p;
    p.name = qs(c, "name");
    p.nickname = qs(c, "nickname");
    p.landmark = qs(c, "landmark");
    p.notes = qs(c, "notes");
    for (const json &l : c.value("labels", json::array()))
        p.labels << QString::fromStdString(l.get<std::string>());
    return p;
}

// WhatsApp customers (by phone) with their counter details, walk-in customers, and the ledger.
QHash<QString, qint64> loadCustomers(Store &store, qint64 tenantId, const json &data,
                                     const QDateTime &now, DemoSummary &summary)
{
    QHash<QString, qint64> contactIds;
    for (const json &c : data.at("customers")) {
        const Contact contact =
            need(store.conversations().upsertContact(tenantId, qs(c, "phone"), qs(c, "name")));
        contactIds.insert(contact.phone, contact.id);
        need(store.customers().updateProfile(tenantId, contact.id, profileFrom(c)));
        ++summary.customers;
    }
    for (const json &c : data.value("walk_in_customers", json::array())) {
        const Customer walkIn = need(store.customers().addWalkIn(tenantId, profileFrom(c)));
        loadLedger(store, tenantId, walkIn.contactId, c.value("entries", json::array()), now);
        ++summary.customers;
    }
    for (const json &l : data.at("ledger"))
        loadLedger(store, tenantId, contactIds.value(qs(l, "phone")), l.at("entries"), now);
    return contactIds;
}

void loadConversations(Store &store, qint64 tenantId, const QHash<QString, Product> &bySku,
                       const QHash<QString, qint64> &operatorIds, DemoSummary &summary)
{
    const json data = readJson(QStringLiteral(":/demo/conversations.json"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QHash<QString, qint64> contactIds = loadCustomers(store, tenantId, data, now, summary);
    // Oldest first; a customer's earlier conversation is closed when their next one starts.
    std::vector<json> conversations(data.at("conversations").begin(),
                                    data.at("conversations").end());
    std::stable_sort(conversations.begin(), conversations.end(), [](const json &a, const json &b) {
        return a.at("messages").at(0).value("minutes_ago", 0) >
               b.at("messages").at(0).value("minutes_ago", 0);
    });
    QHash<qint64, qint64> openByContact;
    for (const json &c : conversations) {
        const qint64 contactId = contactIds.value(qs(c, "phone"));
        if (openByContact.contains(contactId))
            need(store.conversations().setOwner(tenantId, openByContact.value(contactId),
                                                OwnerKind::Closed));
        const QDateTime startedAt =
            now.addSecs(-60 * c.at("messages").at(0).value("minutes_ago", 0));
        const Conversation open =
            need(store.conversations().openConversation(tenantId, contactId, 0, startedAt));
        openByContact.insert(contactId, open.id);
        const qint64 operatorId = operatorIds.value(qs(c, "operator"));
        const qint64 balance = c.contains("balance_placeholder")
                                   ? need(store.ledger().balance(tenantId, contactId))
                                   : 0;
        QList<Message> messages;
        for (const json &m : c.at("messages")) {
            Message msg;
            msg.conversationId = open.id;
            msg.author = authorOf(qs(m, "author"));
            msg.direction =
                msg.author == Author::Customer ? Direction::Inbound : Direction::Outbound;
            msg.authorOperatorId = msg.author == Author::Human ? operatorId : 0;
            msg.body = qs(m, "body");
            msg.body.replace(
                QLatin1String("{balance}"),
                Money::format(balance, QString()).replace(QLatin1String(".00"), QString()));
            msg.createdAt = now.addSecs(-60 * m.value("minutes_ago", 0));
            if (msg.direction == Direction::Outbound) {
                msg.status = MessageStatus::Read;
                msg.sentAt = msg.createdAt.addSecs(1);
                msg.deliveredAt = msg.createdAt.addSecs(2);
                msg.readAt = msg.createdAt.addSecs(30);
            }
            messages.append(msg);
        }
        summary.messages +=
            int(need(store.conversations().appendMessages(tenantId, messages)).size());
        if (c.contains("order")) {
            Order order;
            order.contactId = contactId;
            order.conversationId = open.id;
            order.createdAt = messages.last().createdAt;
            // Orders of the last day are still to be delivered.
            order.status = order.createdAt.secsTo(QDateTime::currentDateTimeUtc()) < 24 * 3600
                               ? QStringLiteral("confirmed")
                               : QStringLiteral("delivered");
            for (const json &line : c.at("order")) {
                const Product p = bySku.value(qs(line, "sku"));
                order.lines.append(
                    {0, p.id, p.name, line.value("quantity", 1.0), p.unit, p.priceMinor, 0});
            }
            order.fromHistory = true; // the demo's stock is what is left after them
            need(store.catalog().addOrder(tenantId, order));
            ++summary.orders;
        }
        // Ownership changes are dated where they happened (the reports count from them): a
        // person took the chat just before their first reply; it was closed after its last line.
        const QString owner = qs(c, "owner");
        QDateTime firstHuman = messages.last().createdAt;
        for (const Message &m : std::as_const(messages))
            if (m.author == Author::Human) {
                firstHuman = m.createdAt.addSecs(-60);
                break;
            }
        if (owner == QLatin1String("human"))
            need(store.conversations().setOwner(tenantId, open.id, OwnerKind::Human, operatorId, {},
                                                firstHuman));
        if (c.contains("needs_human"))
            need(store.conversations().setNeedsHuman(tenantId, open.id, true, qs(c, "needs_human"),
                                                     messages.last().createdAt));
        if (owner == QLatin1String("closed"))
            need(store.conversations().setOwner(tenantId, open.id, OwnerKind::Closed, 0, {},
                                                messages.last().createdAt.addSecs(60)));
        ++summary.conversations;
    }
}

} // namespace

Result<DemoSummary> DemoStoreLoader::load(Store &store, bool history)
{
    const QString slug = QString::fromLatin1(kSlug);
    auto existing = store.tenants().tenantBySlug(slug);
    if (existing) {
        DemoSummary summary;
        summary.alreadyLoaded = true;
        summary.tenantId = existing->id;
        summary.slug = slug;
        return summary;
    }
    return sql::guard([&] {
        return sql::transaction(store.backend(), [&] {
            const json info = readJson(QStringLiteral(":/demo/store.json"));
            const Tenant tenant = need(store.tenants().addTenant(slug, qs(info, "name")));
            DemoSummary summary;
            summary.tenantId = tenant.id;
            summary.slug = slug;
            for (const auto &[key, value] : info.at("settings").items())
                need(store.tenants().setSetting(tenant.id, QString::fromStdString(key),
                                                QString::fromStdString(value.get<std::string>())));
            QHash<QString, qint64> operatorIds;
            for (const json &o : info.at("operators")) {
                Operator op;
                op.name = qs(o, "name");
                op.email = qs(o, "email");
                op.role = operatorRoleFromString(qs(o, "role"));
                operatorIds.insert(op.name, need(store.operators().add(tenant.id, op)).id);
            }
            loadKnowledge(store, tenant.id, summary);
            const auto bySku = loadProducts(store, tenant.id, summary);
            loadConversations(store, tenant.id, bySku, operatorIds, summary);
            if (history)
                DemoHistory::add(store, tenant.id, bySku.values(), operatorIds.values(), summary);
            qCInfo(lcDemo) << "Loaded the demo store:" << summary.products << "products,"
                           << summary.conversations << "conversations";
            return summary;
        });
    });
}

} // namespace shopdesk
