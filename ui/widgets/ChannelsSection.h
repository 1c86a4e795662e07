#pragma once

#include "LatestRequest.h"

#include "domain/Channel.h"
#include "domain/ChannelHealth.h"

#include <QGroupBox>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class Engine;

// Settings → WhatsApp channels: each number with the address to paste into the provider and its
// health (last webhook received, rejected requests, send failures); add, edit, test the
// connection, and open the simulator's test phone.
class ChannelsSection : public QGroupBox
{
    Q_OBJECT
public:
    explicit ChannelsSection(Engine &engine, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves (the engine checks)
    void refresh();
    QTableWidget *table() const { return m_table; }
    QString webhookAddress(const Channel &channel) const;
    const QList<Channel> &channels() const { return m_channels; }
    void saveChannel(const Channel &channel); // add (id 0) or update
    void testConnection(qint64 channelId);

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void refreshed();

private:
    void addChannel();
    void editSelected();
    void savePublicUrl();
    void openTestPhone();
    Channel selected() const;
    void updateButtons();

    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    LatestRequest m_request;
    QList<Channel> m_channels;
    QString m_publicUrl;
    QLineEdit *m_publicEdit = nullptr;
    QLabel *m_listening = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_phone = nullptr;
    QTimer m_refreshTimer;
    QTimer m_soonTimer; // coalesces refreshes asked for by incoming messages
};

} // namespace shopdesk
