#include "widgets/agent/TracePanel.h"

#include "TraceListModel.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace shopdesk {

TracePanel::TracePanel(TraceListModel &traces, QWidget *parent)
    : QWidget(parent)
    , m_traces(traces)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 8, 8);
    auto *title = new QLabel(tr("<b>What the bot did</b>"), this);
    layout->addWidget(title);
    m_empty = new QLabel(tr("The bot has not answered in this chat yet."), this);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(m_empty);
    auto *split = new QSplitter(Qt::Vertical, this);
    m_list = new QListView(split);
    m_list->setObjectName(QStringLiteral("traceList"));
    m_list->setModel(&m_traces);
    m_list->setWordWrap(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_details = new QTextBrowser(split);
    m_details->setObjectName(QStringLiteral("traceDetails"));
    m_details->setOpenLinks(false);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setSizes({160, 360});
    layout->addWidget(split, 1);
    setMinimumWidth(260);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &TracePanel::showSelected);
    connect(&m_traces, &QAbstractItemModel::modelReset, this, [this] {
        m_empty->setVisible(m_traces.rowCount() == 0);
        if (m_traces.rowCount() > 0)
            m_list->setCurrentIndex(m_traces.index(0)); // the newest
        else
            m_details->clear();
    });
    m_empty->setVisible(true);
}

void TracePanel::showSelected()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setHtml(TraceListModel::html(m_traces.traceAt(current.row())));
}

} // namespace shopdesk
