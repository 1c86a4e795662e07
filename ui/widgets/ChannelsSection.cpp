#include "widgets/ChannelsSection.h"

#include "dialogs/ChannelDialog.h"
#include "dialogs/TestPhoneDialog.h"
#include "engine/Engine.h"
#include "messaging/ChannelConfig.h"
#include "messaging/ChannelService.h"
#include "messaging/OutboxSender.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {
namespace {

QString ago(const QDateTime &t)
{
    if (!t.isValid())
        return QObject::tr("never");
    const qint64 s = t.secsTo(QDateTime::currentDateTimeUtc());
    if (s < 60)
        return QObject::tr("just now");
    if (s < 3600)
        return QObject::tr("%1 min ago").arg(s / 60);
    if (s < 86400)
        return QObject::tr("%1 h ago").arg(s / 3600);
    return QLocale().toString(t.toLocalTime(), QStringLiteral("d MMM HH:mm"));
}

} // namespace

ChannelsSection::ChannelsSection(Engine &engine, QWidget *parent)
    : QGroupBox(tr("WhatsApp channels"), parent)
    , m_engine(engine)
{
    setObjectName(QStringLiteral("channelsSection"));
    auto *layout = new QVBoxLayout(this);
    auto *publicRow = new QHBoxLayout;
    m_publicEdit = new QLineEdit(this);
    m_publicEdit->setObjectName(QStringLiteral("publicUrl"));
    m_publicEdit->setPlaceholderText(tr("https://your-shop.trycloudflare.com"));
    auto *savePublic = new QPushButton(tr("Save"), this);
    publicRow->addWidget(new QLabel(tr("Public address"), this));
    publicRow->addWidget(m_publicEdit, 1);
    publicRow->addWidget(savePublic);
    layout->addLayout(publicRow);
    m_listening = new QLabel(this);
    m_listening->setObjectName(QStringLiteral("webhookListening"));
    m_listening->setWordWrap(true);
    m_listening->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(m_listening);

    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName(QStringLiteral("channelTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Provider"), tr("Webhook address"),
                                        tr("Last webhook"), tr("Rejected"), tr("Send failures")});
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(140);
    layout->addWidget(m_table);

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add channel…"), this);
    add->setObjectName(QStringLiteral("addChannel"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_copy = new QPushButton(tr("Copy webhook address"), this);
    m_phone = new QPushButton(tr("Open test phone"), this);
    m_phone->setObjectName(QStringLiteral("openTestPhone"));
    for (QPushButton *b : {add, m_edit, m_test, m_copy, m_phone})
        buttons->addWidget(b);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &ChannelsSection::addChannel);
    connect(m_edit, &QPushButton::clicked, this, &ChannelsSection::editSelected);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &ChannelsSection::editSelected);
    connect(m_test, &QPushButton::clicked, this, [this] { testConnection(selected().id); });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(webhookAddress(selected()));
        Q_EMIT message(tr("Copied. Paste it as the callback URL in the provider's settings."),
                       false);
    });
    connect(m_phone, &QPushButton::clicked, this, &ChannelsSection::openTestPhone);
    connect(savePublic, &QPushButton::clicked, this, &ChannelsSection::savePublicUrl);
    connect(m_publicEdit, &QLineEdit::returnPressed, this, &ChannelsSection::savePublicUrl);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ChannelsSection::updateButtons);
    connect(&engine.store(), &StoreWorker::channelsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            refresh();
    });
    m_refreshTimer.setInterval(5000); // health moves while the pane is open
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refreshTimer.start();
    // New messages move "last webhook": show it soon, without a query per message.
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setInterval(1000);
    connect(&m_soonTimer, &QTimer::timeout, this, &ChannelsSection::refresh);
    connect(&engine.store(), &StoreWorker::messagesAppended, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId && isVisible() && !m_soonTimer.isActive())
            m_soonTimer.start();
    });
    updateButtons();
}

void ChannelsSection::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    refresh();
}

QString ChannelsSection::webhookAddress(const Channel &channel) const
{
    if (channel.id == 0)
        return {};
    const QString path = ChannelConfig(channel).webhookPath();
    QString base = m_publicUrl;
    if (base.isEmpty() && m_engine.webhookPort() > 0)
        base = QStringLiteral("http://%1:%2")
                   .arg(m_engine.options().listenAddress.toString())
                   .arg(m_engine.webhookPort());
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + path;
}

void ChannelsSection::refresh()
{
    if (m_tenantId == 0)
        return;
    const qint64 tenantId = m_tenantId;
    m_engine.channels().overview(
        tenantId, this, m_request.latest([this](Result<ChannelService::Overview> result) {
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            const qint64 selectedId = selected().id;
            m_channels = result->channels;
            m_publicUrl = result->publicUrl;
            if (!m_publicEdit->hasFocus())
                m_publicEdit->setText(m_publicUrl);
            m_listening->setText(
                m_engine.webhookPort() > 0
                    ? tr("This computer receives webhooks on http://%1:%2. Providers need a "
                         "public https address: run a tunnel (for example cloudflared or ngrok) "
                         "to it and enter that address above.")
                          .arg(m_engine.options().listenAddress.toString())
                          .arg(m_engine.webhookPort())
                    : tr("Webhooks are not received on this computer (start with --listen, or "
                         "run shopdesk-cli serve on a server)."));
            m_table->setRowCount(int(m_channels.size()));
            for (int row = 0; row < m_channels.size(); ++row) {
                const Channel &c = m_channels.at(row);
                const ChannelHealth &h = result->health.at(row);
                const QStringList cells{c.name + (c.enabled ? QString() : tr(" (off)")),
                                        c.provider,
                                        webhookAddress(c),
                                        ago(h.lastWebhookAt),
                                        h.rejectedCount ? QString::number(h.rejectedCount)
                                                        : QStringLiteral("0"),
                                        QString::number(h.sendFailures)};
                for (int col = 0; col < cells.size(); ++col) {
                    auto *item = new QTableWidgetItem(cells.at(col));
                    if (col == 4 && h.rejectedCount > 0)
                        item->setToolTip(
                            tr("Last: %1 (%2)").arg(h.lastRejectedReason, ago(h.lastRejectedAt)));
                    if (col == 5 && h.sendFailures > 0)
                        item->setToolTip(
                            tr("Last: %1 (%2)")
                                .arg(h.lastSendFailureReason, ago(h.lastSendFailureAt)));
                    if ((col == 4 && h.rejectedCount > 0) || (col == 5 && h.sendFailures > 0))
                        item->setForeground(QColor(0xb0, 0x1e, 0x1e));
                    m_table->setItem(row, col, item);
                }
                if (c.id == selectedId)
                    m_table->selectRow(row);
            }
            m_table->resizeColumnToContents(0);
            updateButtons();
            Q_EMIT refreshed();
        }));
}

Channel ChannelsSection::selected() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_channels.size() ? m_channels.at(row) : Channel{};
}

void ChannelsSection::updateButtons()
{
    const Channel c = selected();
    for (QPushButton *b : {m_edit, m_test, m_copy})
        b->setEnabled(c.id != 0);
    m_phone->setEnabled(c.id != 0 && c.provider == QLatin1String("simulator"));
}

void ChannelsSection::addChannel()
{
    ChannelDialog dialog({}, this);
    if (dialog.exec() == QDialog::Accepted)
        saveChannel(dialog.channel());
}

void ChannelsSection::editSelected()
{
    const Channel c = selected();
    if (c.id == 0)
        return;
    ChannelDialog dialog(c, this);
    if (dialog.exec() == QDialog::Accepted)
        saveChannel(dialog.channel());
}

void ChannelsSection::saveChannel(const Channel &channel)
{
    m_engine.channels().save(m_tenantId, m_actor, channel, this, [this](Result<Channel> result) {
        if (!result) {
            Q_EMIT message(tr("The channel was not saved: %1").arg(result.error()), true);
            return;
        }
        Q_EMIT message(tr("Saved \"%1\". Its webhook address: %2")
                           .arg(result->name, webhookAddress(result.value())),
                       false);
    });
}

void ChannelsSection::testConnection(qint64 channelId)
{
    m_test->setEnabled(false);
    m_test->setText(tr("Testing…"));
    // The sender (and its connections to the providers) may live on a thread of its own.
    m_engine.sender().testConnection(channelId, this, [this](Status status, const QString &name) {
        m_test->setText(tr("Test connection"));
        updateButtons();
        if (status)
            Q_EMIT message(tr("\"%1\" is connected: the provider accepted its settings.").arg(name),
                           false);
        else if (name.isEmpty())
            Q_EMIT message(status.error(), true);
        else
            Q_EMIT message(tr("\"%1\" could not connect: %2").arg(name, status.error()), true);
    });
}

void ChannelsSection::savePublicUrl()
{
    const QString text = m_publicEdit->text().trimmed();
    const QUrl url(text);
    if (!text.isEmpty() &&
        (!url.isValid() || url.host().isEmpty() ||
         (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))) {
        Q_EMIT message(tr("The public address must look like https://your-shop.example.com"), true);
        return;
    }
    m_engine.channels().setPublicUrl(m_tenantId, m_actor, text, this, [this](Status s) {
        if (!s)
            Q_EMIT message(s.error(), true);
        refresh();
    });
}

void ChannelsSection::openTestPhone()
{
    const Channel c = selected();
    if (c.provider != QLatin1String("simulator"))
        return;
    auto *phone = new TestPhoneDialog(m_engine, c.id, window());
    phone->setObjectName(QStringLiteral("testPhone"));
    phone->show();
}

} // namespace shopdesk
