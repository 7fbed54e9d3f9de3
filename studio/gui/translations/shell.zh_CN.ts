<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../about_dialog.py" line="39" />
      <source>About Yunzhan Studio</source>
      <translation>关于云展工作室</translation>
    </message>
    <message>
      <location filename="../about_dialog.py" line="42" />
      <source>Yunzhan Studio {0}</source>
      <translation>云展工作室 {0}</translation>
    </message>
    <message>
      <location filename="../about_dialog.py" line="48" />
      <source>Virtual exhibitions and live-streamed tours, offline first.</source>
      <translation>虚拟展览与直播导览，离线优先。</translation>
    </message>
    <message>
      <location filename="../about_dialog.py" line="53" />
      <source>asking ffmpeg…</source>
      <translation>正在询问 ffmpeg…</translation>
    </message>
  </context>
  <context>
    <name>CollectionPane</name>
    <message>
      <location filename="../collection_pane.py" line="45" />
      <source>Search: words, 瓷, maker:Turner…</source>
      <translation>搜索：瓷、青铜、作者:张…</translation>
    </message>
    <message>
      <location filename="../collection_pane.py" line="155" />
      <source>{0:,} objects match “{1}”</source>
      <translation>“{1}”：找到 {0:,} 件藏品</translation>
    </message>
    <message>
      <location filename="../collection_pane.py" line="158" />
      <source>{0:,} objects</source>
      <translation>共 {0:,} 件藏品</translation>
    </message>
  </context>
  <context>
    <name>Fields</name>
    <message>
      <location filename="../field_names.py" line="15" />
      <location filename="../field_names.py" line="38" />
      <source>Accession</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="16" />
      <source>Title (Chinese)</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="17" />
      <source>Title (English)</source>
      <translation>英文名称</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="18" />
      <source>Title (by the text's language)</source>
      <translation>名称（按文字语言）</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="19" />
      <location filename="../field_names.py" line="40" />
      <source>Maker</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="20" />
      <location filename="../field_names.py" line="41" />
      <source>Date</source>
      <translation>年代</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="21" />
      <source>Earliest year</source>
      <translation>最早年份</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="22" />
      <source>Latest year</source>
      <translation>最晚年份</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="23" />
      <location filename="../field_names.py" line="42" />
      <source>Culture</source>
      <translation>文化</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="24" />
      <location filename="../field_names.py" line="43" />
      <source>Medium</source>
      <translation>材质</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="25" />
      <source>Dimensions</source>
      <translation>尺寸</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="26" />
      <source>Credit line</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="27" />
      <source>Description (Chinese)</source>
      <translation>中文描述</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="28" />
      <source>Description (English)</source>
      <translation>英文描述</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="29" />
      <source>Description (by the text's language)</source>
      <translation>描述（按文字语言）</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="30" />
      <source>Rights</source>
      <translation>版权</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="31" />
      <source>Keywords</source>
      <translation>关键词</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="32" />
      <source>Photo file names</source>
      <translation>图片文件名</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="33" />
      <source>Keep as its own field</source>
      <translation>保留为自定义字段</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="34" />
      <source>Skip</source>
      <translation>跳过</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="39" />
      <source>Title</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../field_names.py" line="47" />
      <source>Years</source>
      <translation>年份</translation>
    </message>
  </context>
  <context>
    <name>ImportFlow</name>
    <message>
      <location filename="../import_flow.py" line="45" />
      <source>An import is already under way; wait for it to finish.</source>
      <translation>已有导入正在进行，请等它完成。</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="50" />
      <source>{0}: not a table of records or a media file Yunzhan can import (tables: .csv .tsv .json; images, audio, glTF models)</source>
      <translation>{0}：不是云展能导入的记录表或媒体文件（记录表：.csv .tsv .json；图像、音频、glTF 模型）</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="64" />
      <source>Reading {0}</source>
      <translation>正在读取 {0}</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="84" />
      <source>Import cancelled: nothing was changed.</source>
      <translation>已取消导入，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="90" />
      <source>Importing the collection</source>
      <translation>正在导入藏品</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="102" />
      <source>Imported {0:,} records from {1} and {2:,} media files ({3:,} linked to objects, {4:,} unmatched).</source>
      <translation>已从 {1} 导入 {0:,} 条记录和 {2:,} 个媒体文件（{3:,} 个已关联藏品，{4:,} 个未匹配）。</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="106" />
      <source>Imported {0:,} records from {1}.</source>
      <translation>已从 {1} 导入 {0:,} 条记录。</translation>
    </message>
    <message>
      <location filename="../import_flow.py" line="108" />
      <source>Imported {0:,} media files ({1:,} linked to objects, {2:,} unmatched).</source>
      <translation>已导入 {0:,} 个媒体文件（{1:,} 个已关联藏品，{2:,} 个未匹配）。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../main_window.py" line="82" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="83" />
      <source>&amp;New project…</source>
      <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="85" />
      <source>&amp;Open project…</source>
      <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="87" />
      <source>Open &amp;recent</source>
      <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="90" />
      <source>Open the &amp;demo</source>
      <translation>打开示例(&amp;D)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="92" />
      <source>Import &amp;records…</source>
      <translation>导入藏品记录(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="94" />
      <source>Import &amp;media…</source>
      <translation>导入媒体文件(&amp;M)…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="96" />
      <source>&amp;Close project</source>
      <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="98" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="100" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="101" />
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="102" />
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="107" />
      <source>&amp;Find in the collection</source>
      <translation>在藏品中查找(&amp;F)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="110" />
      <source>&amp;Preferences…</source>
      <translation>偏好设置(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="114" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="116" />
      <source>&amp;Notifications</source>
      <translation>通知(&amp;N)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="119" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="120" />
      <source>&amp;About Yunzhan Studio</source>
      <translation>关于云展工作室(&amp;A)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="121" />
      <source>Notifications</source>
      <translation>通知</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="141" />
      <source>No recent projects</source>
      <translation>没有最近的项目</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="171" />
      <source>Yunzhan projects (*.yunzhan)</source>
      <translation>云展项目 (*.yunzhan)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="174" />
      <source>New project</source>
      <translation>新建项目</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="178" />
      <source>Open project</source>
      <translation>打开项目</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="182" />
      <source>Import records</source>
      <translation>导入藏品记录</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="182" />
      <source>Records (*.csv *.tsv *.txt *.json)</source>
      <translation>记录表 (*.csv *.tsv *.txt *.json)</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="188" />
      <source>Import media</source>
      <translation>导入媒体文件</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="188" />
      <source>Media ({0})</source>
      <translation>媒体文件 ({0})</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="200" />
      <location filename="../main_window.py" line="333" />
      <source>Yunzhan Studio</source>
      <translation>云展工作室</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="226" />
      <source>Created {0}.</source>
      <translation>已创建 {0}。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="246" />
      <source>Building the demo</source>
      <translation>正在生成示例</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="252" />
      <source>Building the demo project in {0}…</source>
      <translation>正在 {0} 中生成示例项目…</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="261" />
      <source>Internal error: {0} — details saved to {1}</source>
      <translation>内部错误：{0}——详情已保存到 {1}</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="268" />
      <source>Open or create a project first, then import into it.</source>
      <translation>请先打开或新建一个项目，再向其中导入。</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="343" />
      <source>{0} — Yunzhan Studio</source>
      <translation>{0} — 云展工作室</translation>
    </message>
  </context>
  <context>
    <name>MappingDialog</name>
    <message>
      <location filename="../mapping_dialog.py" line="30" />
      <source>Import {0}</source>
      <translation>导入 {0}</translation>
    </message>
    <message>
      <location filename="../mapping_dialog.py" line="33" />
      <source>{0}: {1:,} rows, text encoding {2}. Choose the field each column goes to.</source>
      <translation>{0}：{1:,} 行，文字编码 {2}。请为每一列选择对应的字段。</translation>
    </message>
    <message>
      <location filename="../mapping_dialog.py" line="41" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../mapping_dialog.py" line="63" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../mapping_dialog.py" line="64" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>NotificationsDock</name>
    <message>
      <location filename="../notifications.py" line="35" />
      <source>Notifications</source>
      <translation>通知</translation>
    </message>
    <message>
      <location filename="../notifications.py" line="43" />
      <source>Clear</source>
      <translation>清除</translation>
    </message>
  </context>
  <context>
    <name>Panes</name>
    <message>
      <location filename="../main_window.py" line="41" />
      <source>Collection</source>
      <translation>藏品</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="41" />
      <source>Halls</source>
      <translation>展厅</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="42" />
      <source>Tours</source>
      <translation>导览</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="42" />
      <source>Live</source>
      <translation>直播</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="43" />
      <source>Publish</source>
      <translation>发布</translation>
    </message>
    <message>
      <location filename="../main_window.py" line="38" />
      <source>3D</source>
      <translation>三维</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <location filename="../preferences_dialog.py" line="24" />
      <source>Preferences</source>
      <translation>偏好设置</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="31" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="38" />
      <source>Found automatically</source>
      <translation>自动查找</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="39" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="47" />
      <source>Full (desktop browsers)</source>
      <translation>完整版（桌面浏览器）</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="47" />
      <source>Mobile (smaller files)</source>
      <translation>移动版（文件更小）</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="48" />
      <source>Kiosk (works from disk)</source>
      <translation>展台版（可离线从磁盘运行）</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="53" />
      <source>A new language applies at once. $YUNZHAN_LANG, when set, still decides the language at the next start.</source>
      <translation>新的语言立即生效。若设置了 $YUNZHAN_LANG，下次启动时仍以它为准。</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="57" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="59" />
      <source>ffmpeg program</source>
      <translation>ffmpeg 程序</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="60" />
      <source>Default export profile</source>
      <translation>默认导出方案</translation>
    </message>
    <message>
      <location filename="../preferences_dialog.py" line="68" />
      <source>Choose the ffmpeg program</source>
      <translation>选择 ffmpeg 程序</translation>
    </message>
  </context>
  <context>
    <name>RecordEditor</name>
    <message>
      <location filename="../record_editor.py" line="38" />
      <source>Edit record {0}</source>
      <translation>编辑记录 {0}</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="42" />
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="43" />
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="45" />
      <source>Title</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="45" />
      <source>Description</source>
      <translation>描述</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="68" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../record_editor.py" line="69" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>RecordView</name>
    <message>
      <location filename="../record_view.py" line="70" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../record_view.py" line="72" />
      <source>Edit this record in Chinese and English</source>
      <translation>以中英文编辑此记录</translation>
    </message>
    <message>
      <location filename="../record_view.py" line="79" />
      <location filename="../record_view.py" line="118" />
      <source>Select an object to see its record.</source>
      <translation>选择一件藏品以查看其记录。</translation>
    </message>
    <message>
      <location filename="../record_view.py" line="160" />
      <source>No images</source>
      <translation>暂无图像</translation>
    </message>
  </context>
  <context>
    <name>StartPage</name>
    <message>
      <location filename="../start_page.py" line="24" />
      <source>Yunzhan Studio</source>
      <translation>云展工作室</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="30" />
      <source>Build virtual exhibitions and live-streamed tours from your collection.</source>
      <translation>用您的藏品打造虚拟展览和直播导览。</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="33" />
      <source>New project…</source>
      <translation>新建项目…</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="34" />
      <source>Open project…</source>
      <translation>打开项目…</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="35" />
      <source>Open the demo</source>
      <translation>打开示例</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="43" />
      <source>(missing)</source>
      <translation>（文件不存在）</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="55" />
      <source>Recent projects</source>
      <translation>最近的项目</translation>
    </message>
    <message>
      <location filename="../start_page.py" line="55" />
      <source>No recent projects yet.</source>
      <translation>还没有最近的项目。</translation>
    </message>
  </context>
  <context>
    <name>Studio</name>
    <message>
      <location filename="../studio_context.py" line="88" />
      <source>Cancelled: nothing was changed.</source>
      <translation>已取消，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../studio_context.py" line="93" />
      <source>Internal error: {0} — details saved to {1}</source>
      <translation>内部错误：{0}——详情已保存到 {1}</translation>
    </message>
  </context>
  <context>
    <name>TaskPanel</name>
    <message>
      <location filename="../tasks.py" line="146" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>UndoActions</name>
    <message>
      <location filename="../undo_actions.py" line="80" />
      <location filename="../undo_actions.py" line="107" />
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="84" />
      <location filename="../undo_actions.py" line="108" />
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="107" />
      <source>&amp;Undo: {0}</source>
      <translation>撤销(&amp;U)：{0}</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="108" />
      <source>&amp;Redo: {0}</source>
      <translation>重做(&amp;R)：{0}</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="113" />
      <source>Undoing</source>
      <translation>正在撤销</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="116" />
      <source>Redoing</source>
      <translation>正在重做</translation>
    </message>
  </context>
  <context>
    <name>UndoSteps</name>
    <message>
      <location filename="../undo_actions.py" line="31" />
      <source>edit record</source>
      <translation>编辑记录</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="35" />
      <source>import collection</source>
      <translation>导入藏品</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="38" />
      <source>import records</source>
      <translation>导入藏品记录</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="37" />
      <source>import media</source>
      <translation>导入媒体文件</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="19" />
      <source>add hall</source>
      <translation>添加展厅</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="21" />
      <source>add live event</source>
      <translation>添加直播活动</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="22" />
      <source>add panorama</source>
      <translation>添加全景图</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="24" />
      <source>clear exhibition</source>
      <translation>清空展览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="25" />
      <source>delete live event</source>
      <translation>删除直播活动</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="26" />
      <source>delete object</source>
      <translation>删除藏品</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="27" />
      <source>edit exhibition</source>
      <translation>编辑展览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="28" />
      <source>edit hall</source>
      <translation>编辑展厅</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="32" />
      <source>edit records</source>
      <translation>编辑多条记录</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="34" />
      <source>import calendar</source>
      <translation>导入日程</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="36" />
      <source>import exhibition</source>
      <translation>导入展览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="39" />
      <source>import tour</source>
      <translation>导入导览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="40" />
      <source>link media</source>
      <translation>关联媒体文件</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="42" />
      <source>place floor plan pin</source>
      <translation>放置平面图标记</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="43" />
      <source>remove floor plan pin</source>
      <translation>删除平面图标记</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="44" />
      <source>remove hall</source>
      <translation>删除展厅</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="20" />
      <source>add hotspot</source>
      <translation>添加热点</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="41" />
      <source>move hotspot</source>
      <translation>移动热点</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="29" />
      <source>edit hotspot</source>
      <translation>编辑热点</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="45" />
      <source>remove hotspot</source>
      <translation>删除热点</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="49" />
      <source>set default tour</source>
      <translation>设为默认导览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="50" />
      <source>set floor plan</source>
      <translation>设置平面图</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="52" />
      <source>set orientation</source>
      <translation>设置朝向</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="53" />
      <source>set start view</source>
      <translation>设置起始视角</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="51" />
      <source>set north</source>
      <translation>设置北向</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="23" />
      <source>add tour</source>
      <translation>添加导览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="33" />
      <source>edit tour</source>
      <translation>编辑导览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="46" />
      <source>remove tour</source>
      <translation>删除导览</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="47" />
      <source>reorder halls</source>
      <translation>调整展厅顺序</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="48" />
      <source>reorder stops</source>
      <translation>调整导览站点顺序</translation>
    </message>
    <message>
      <location filename="../undo_actions.py" line="30" />
      <source>edit live event</source>
      <translation>编辑直播活动</translation>
    </message>
  </context>
</TS>