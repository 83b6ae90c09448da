// A page that calls wx.getUserInfo (WeChat) or tt.getUserInfo (Douyin)
// through the Rust module: the options are built and checked in Rust, the
// call goes through WasmHost, and the reply is decoded into the typed
// success before the nickname comes back here.
Page({
  data: { nickName: '', error: '' },

  showUser() {
    const app = getApp();
    return app.platform
      .then((platform) => (app.root === 'wx' ? platform.wxGetUserInfo('zh_CN') : platform.ttGetUserInfo()))
      .then((nickName) => this.setData({ nickName, error: '' }))
      .catch((error) => this.setData({ error: String(error && error.message) }));
  },
});
