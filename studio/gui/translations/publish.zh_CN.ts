<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>PublishPane</name>
    <message>
      <location filename="../publish_pane.py" line="58" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="66" />
      <source>full</source>
      <translation>完整</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="66" />
      <source>mobile</source>
      <translation>移动版</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="66" />
      <source>kiosk</source>
      <translation>展厅终端</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="68" />
      <source>Full — every detail level of the panoramas</source>
      <translation>完整——全景图的全部清晰度层级</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="69" />
      <source>Mobile — smaller tiles, under 50 MB</source>
      <translation>移动版——较小的瓦片，50 MB 以内</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="70" />
      <source>Kiosk — mobile-sized; also opens straight from disk (USB stick)</source>
      <translation>展厅终端——移动版大小，也可直接从磁盘（U 盘）打开</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="77" />
      <source>optional, e.g. https://museum.example/expo/ (for QR codes and IIIF)</source>
      <translation>可选，例如 https://museum.example/expo/（用于二维码和 IIIF）</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="78" />
      <source>Also write a zip beside the folder</source>
      <translation>同时在文件夹旁生成 zip 压缩包</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="80" />
      <source>Web package</source>
      <translation>网页包</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="82" />
      <source>Folder</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="83" />
      <source>Profile</source>
      <translation>规格</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="84" />
      <source>Public address</source>
      <translation>公开网址</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="88" />
      <location filename="../publish_pane.py" line="187" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="94" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="108" />
      <source>Not exported in this session yet.</source>
      <translation>本次尚未导出。</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="113" />
      <source>Part</source>
      <translation>部分</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="113" />
      <source>Files</source>
      <translation>文件数</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="113" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="117" />
      <source>Open in browser</source>
      <translation>在浏览器中打开</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="120" />
      <source>Open folder</source>
      <translation>打开文件夹</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="123" />
      <source>Open print kit</source>
      <translation>打开印刷资料</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="125" />
      <source>The printable gallery labels with QR codes (PDF)</source>
      <translation>可打印的带二维码展签（PDF）</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="127" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="166" />
      <source>Folder for the web package</source>
      <translation>网页包所在文件夹</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="180" />
      <source>Exporting to {0}…</source>
      <translation>正在导出到 {0}…</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="198" />
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="212" />
      <source>Exported to {0}.</source>
      <translation>已导出到 {0}。</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="213" />
      <source>Exported the web package to {0}.</source>
      <translation>网页包已导出到 {0}。</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="219" />
      <source>Export cancelled; the folder is as it was.</source>
      <translation>导出已取消，文件夹保持原样。</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="233" />
      <source>Pages</source>
      <translation>网页</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="233" />
      <source>Viewer and app</source>
      <translation>查看器与应用</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="233" />
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="234" />
      <source>Panoramas</source>
      <translation>全景图</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="234" />
      <source>Media</source>
      <translation>媒体</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="234" />
      <source>Print and QR</source>
      <translation>印刷与二维码</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="235" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="238" />
      <source>Total</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="243" />
      <source>{0} halls, {1} objects, {2} profile.</source>
      <translation>{0} 个展厅，{1} 件展品，{2}规格。</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="246" />
      <source>Zip: {0} ({1})</source>
      <translation>压缩包：{0}（{1}）</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="247" />
      <source>Warning: {0}</source>
      <translation>警告：{0}</translation>
    </message>
    <message>
      <location filename="../publish_pane.py" line="296" />
      <source>Could not open {0}: no program for it on this computer.</source>
      <translation>无法打开 {0}：本机没有可打开它的程序。</translation>
    </message>
  </context>
</TS>
