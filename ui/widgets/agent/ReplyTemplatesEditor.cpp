#include "widgets/agent/ReplyTemplatesEditor.h"

#include "StoreSettingsIO.h"
#include "agent/ReplyTemplates.h"
#include "engine/Engine.h"
#include "storage/StoreWorker.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

constexpr int kEnglish = 1;
constexpr int kHinglish = 2;

QString settingKey(const QString &key, int column)
{
    return QStringLiteral("templates.") + key +
           (column == kHinglish ? QStringLiteral(".hi") : QString());
}

} // namespace

// The situations in the order a chat meets them, in a store owner's words.
const QList<QPair<QString, QString>> &ReplyTemplatesEditor::situations()
{
    static const QList<QPair<QString, QString>> list = {
        {QStringLiteral("greeting"), tr("Greeting")},
        {QStringLiteral("available"), tr("Product is available")},
        {QStringLiteral("price"), tr("Price of a product")},
        {QStringLiteral("out_of_stock"), tr("Product is out of stock")},
        {QStringLiteral("substitute"), tr("Offering a substitute")},
        {QStringLiteral("choose"), tr("Asking which product")},
        {QStringLiteral("not_found"), tr("Product not found")},
        {QStringLiteral("cart"), tr("Cart, asking to confirm")},
        {QStringLiteral("order_placed"), tr("Order placed")},
        {QStringLiteral("order_kept"), tr("Customer said no to the cart")},
        {QStringLiteral("order_changed"), tr("Order changed")},
        {QStringLiteral("order_cancelled"), tr("Order cancelled")},
        {QStringLiteral("no_open_order"), tr("No open order to change")},
        {QStringLiteral("order_status"), tr("Order status")},
        {QStringLiteral("no_orders"), tr("No orders yet")},
        {QStringLiteral("hours"), tr("Opening hours")},
        {QStringLiteral("welcome_message"), tr("Greeting for a new customer")},
        {QStringLiteral("away_message"), tr("Away message (store closed)")},
        {QStringLiteral("media_handover"), tr("Voice note, photo or file for a person")},
        {QStringLiteral("photo_list"), tr("Read a photo of a list")},
        {QStringLiteral("cart_so_far"), tr("Cart so far (while asking)")},
        {QStringLiteral("also_unclear"), tr("Other items to ask about")},
        {QStringLiteral("location"), tr("Address")},
        {QStringLiteral("delivery"), tr("Delivery areas and charges")},
        {QStringLiteral("balance"), tr("What the customer owes")},
        {QStringLiteral("no_balance"), tr("Nothing owed")},
        {QStringLiteral("reminder_scheduled"), tr("Customer promises to pay later")},
        {QStringLiteral("thanks"), tr("Customer says thanks")},
        {QStringLiteral("out_of_scope"), tr("Not about the shop")},
        {QStringLiteral("handover"), tr("Handing over to a person")},
    };
    return list;
}

ReplyTemplatesEditor::ReplyTemplatesEditor(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Change any line to say it your way. Words in {braces} are filled "
                               "in by the bot. Your own lines are in bold."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(hint);
    // Every key Shopdesk has, in the order above; any newer one at the end.
    QStringList keys;
    QHash<QString, QString> names;
    for (const auto &[key, name] : situations()) {
        keys << key;
        names.insert(key, name);
    }
    for (const QString &key : ReplyTemplates::keys()) {
        if (!keys.contains(key))
            keys << key;
    }
    m_table = new QTableWidget(int(keys.size()), 3, this);
    m_table->setObjectName(QStringLiteral("replyTemplates"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("English"), tr("Hinglish")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(kEnglish, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(kHinglish, QHeaderView::Stretch);
    m_table->setWordWrap(true);
    m_table->setMinimumHeight(220);
    for (int r = 0; r < keys.size(); ++r) {
        auto *when = new QTableWidgetItem(names.value(keys.at(r), keys.at(r)));
        when->setData(Qt::UserRole, keys.at(r));
        when->setFlags(when->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(r, 0, when);
    }
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    auto *reset = new QPushButton(tr("Use Shopdesk's text"), this);
    auto *save = new QPushButton(tr("Save replies"), this);
    save->setObjectName(QStringLiteral("saveReplies"));
    buttons->addWidget(reset);
    buttons->addStretch(1);
    buttons->addWidget(save);
    layout->addLayout(buttons);
    // Wrapped lines get their height from the columns' widths, which the layout sets late.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table,
            &QTableWidget::resizeRowsToContents);
    connect(reset, &QPushButton::clicked, this, &ReplyTemplatesEditor::resetSelected);
    connect(save, &QPushButton::clicked, this, &ReplyTemplatesEditor::save);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != 0)
            markOwn(item->row(), item->column());
    });
}

void ReplyTemplatesEditor::markOwn(int row, int column)
{
    QTableWidgetItem *item = m_table->item(row, column);
    const QString key = m_table->item(row, 0)->data(Qt::UserRole).toString();
    const bool own = item->text().trimmed() != ReplyTemplates::shipped(key, column == kHinglish);
    QFont f = item->font();
    if (f.bold() != own) {
        f.setBold(own);
        const QSignalBlocker block(m_table);
        item->setFont(f);
    }
}

void ReplyTemplatesEditor::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    StoreSettingsIO::load(
        m_request, m_engine.storeSettings(), this, tenantId,
        [this](const QString &error) { Q_EMIT message(error, true); },
        [this](const StoreSettingsIO::Settings &settings) {
            m_stored = settings;
            const QSignalBlocker block(m_table);
            for (int r = 0; r < m_table->rowCount(); ++r) {
                const QString key = m_table->item(r, 0)->data(Qt::UserRole).toString();
                for (int c : {kEnglish, kHinglish}) {
                    const QString own = settings.value(settingKey(key, c)).trimmed();
                    m_table->setItem(
                        r, c,
                        new QTableWidgetItem(
                            own.isEmpty() ? ReplyTemplates::shipped(key, c == kHinglish) : own));
                    markOwn(r, c);
                }
            }
            m_table->resizeRowsToContents();
            Q_EMIT loaded();
        });
}

void ReplyTemplatesEditor::resetSelected()
{
    for (QTableWidgetItem *item : m_table->selectedItems()) {
        if (item->column() == 0)
            continue;
        const QString key = m_table->item(item->row(), 0)->data(Qt::UserRole).toString();
        item->setText(ReplyTemplates::shipped(key, item->column() == kHinglish));
    }
}

void ReplyTemplatesEditor::save()
{
    // Lines equal to Shopdesk's text are stored empty, so later improvements to it apply.
    QList<QPair<QString, QString>> values;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString key = m_table->item(r, 0)->data(Qt::UserRole).toString();
        for (int c : {kEnglish, kHinglish}) {
            const QString text =
                m_table->item(r, c) ? m_table->item(r, c)->text().trimmed() : QString();
            const QString value =
                text == ReplyTemplates::shipped(key, c == kHinglish) ? QString() : text;
            if (value != m_stored.value(settingKey(key, c)).trimmed())
                values.append({settingKey(key, c), value});
        }
    }
    StoreSettingsIO::save(
        m_engine.storeSettings(), m_actor, this, m_tenantId, values,
        [this, values](const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT message(tr("The replies were not saved: %1").arg(error), true);
                return;
            }
            for (const auto &[key, value] : values)
                m_stored.insert(key, value);
            Q_EMIT message(tr("Saved. The bot uses your replies from its next message."), false);
            Q_EMIT saved();
        });
}

} // namespace shopdesk
